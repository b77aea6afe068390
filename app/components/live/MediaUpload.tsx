// Choosing and uploading the session's own recording, with progress. Used right after creating a
// media session, and in the host's lobby when the recording is not there yet.
import { useEffect, useId, useRef, useState } from "react";
import { checkMediaFile, readMediaDuration, uploadMedia } from "../../realtime/upload";

type Status = { kind: "idle" } | { kind: "uploading"; fraction: number } | { kind: "done" } | { kind: "error"; message: string };

export function MediaUpload({
  sessionId,
  hostToken,
  initialFile = null,
  onUploaded,
}: {
  sessionId: string;
  hostToken: string;
  /** A file chosen before the session existed: uploaded straight away. */
  initialFile?: File | null;
  onUploaded?: () => void;
}) {
  const id = useId();
  const [file, setFile] = useState<File | null>(initialFile);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const abortRef = useRef<(() => void) | null>(null);
  const started = useRef(false);

  const start = async (f: File) => {
    const problem = checkMediaFile(f);
    if (problem) {
      setStatus({ kind: "error", message: problem });
      return;
    }
    setStatus({ kind: "uploading", fraction: 0 });
    const duration = await readMediaDuration(f);
    const upload = uploadMedia(sessionId, hostToken, f, duration, (fraction) => setStatus({ kind: "uploading", fraction }));
    abortRef.current = upload.abort;
    const result = await upload.done;
    abortRef.current = null;
    if (result.ok) {
      setStatus({ kind: "done" });
      onUploaded?.();
    } else setStatus({ kind: "error", message: result.message ?? "Uploaden mislukt." });
  };

  useEffect(() => {
    if (initialFile && !started.current) {
      started.current = true;
      void start(initialFile);
    }
    // No abort on unmount: leaving the page half-way should not throw the upload away.
    // Only the first file starts by itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const percent = status.kind === "uploading" ? Math.round(status.fraction * 100) : status.kind === "done" ? 100 : 0;
  return (
    <div className="media-upload">
      {status.kind !== "uploading" && status.kind !== "done" ? (
        <div className="field">
          <label htmlFor={`${id}-file`}>Opname (audio of video, hoogstens 500 MB)</label>
          <input
            id={`${id}-file`}
            type="file"
            accept="audio/*,video/*"
            onChange={(e) => {
              const f = e.currentTarget.files?.[0] ?? null;
              setFile(f);
              setStatus({ kind: "idle" });
            }}
          />
          <button type="button" disabled={!file} onClick={() => file && void start(file)}>
            {status.kind === "error" ? "Opnieuw uploaden" : "Uploaden"}
          </button>
        </div>
      ) : null}
      {status.kind === "uploading" || status.kind === "done" ? (
        <div className="upload-progress">
          <label htmlFor={`${id}-progress`}>{status.kind === "done" ? "De opname is geüpload." : `Opname uploaden: ${percent}%`}</label>
          <progress id={`${id}-progress`} max={100} value={percent}>
            {percent}%
          </progress>
          {status.kind === "uploading" ? (
            <button type="button" className="secondary" onClick={() => abortRef.current?.()}>
              Stoppen
            </button>
          ) : null}
        </div>
      ) : null}
      <p role="status" className={status.kind === "error" ? "alert error" : "visually-hidden"}>
        {status.kind === "error" ? status.message : status.kind === "done" ? "De opname is geüpload." : ""}
      </p>
    </div>
  );
}
