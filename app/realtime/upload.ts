// Uploads the session's own recording to POST /api/sessions/:id/media with the host token. XHR,
// not fetch: fetch has no upload progress events (a streaming request body would need HTTP/2).
// The server streams the body to disk and sniffs what it really is; we only check the obvious
// first, so nobody waits for 500 MB to learn the file was a PDF.

export const MAX_MEDIA_BYTES = 500 * 1024 * 1024;

export interface UploadResult {
  ok: boolean;
  message?: string;
  mediaUrl?: string;
}

/** A Dutch reason why this file cannot be the recording, or null. */
export function checkMediaFile(file: File): string | null {
  if (file.size === 0) return "Dit bestand is leeg.";
  if (file.size > MAX_MEDIA_BYTES) return "De opname is groter dan 500 MB. Kort hem in of kies een lagere kwaliteit.";
  if (file.type && !/^(audio|video)\//.test(file.type)) {
    return "Dit bestand is geen audio- of video-opname. Kies bijvoorbeeld een mp4-, webm-, m4a- of mp3-bestand.";
  }
  return null;
}

/** The recording's length in seconds as this browser reads it, or null when it cannot. */
export function readMediaDuration(file: File, timeoutMs = 8_000): Promise<number | null> {
  return new Promise((resolve) => {
    const url = URL.createObjectURL(file);
    const media = document.createElement(file.type.startsWith("audio/") ? "audio" : "video");
    const done = (value: number | null) => {
      clearTimeout(timer);
      media.removeAttribute("src");
      media.load();
      URL.revokeObjectURL(url);
      resolve(value);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    media.preload = "metadata";
    media.onloadedmetadata = () => done(Number.isFinite(media.duration) && media.duration > 0 ? media.duration : null);
    media.onerror = () => done(null);
    media.src = url;
  });
}

export function uploadMedia(
  sessionId: string,
  hostToken: string,
  file: File,
  duration: number | null,
  onProgress: (fraction: number) => void,
): { done: Promise<UploadResult>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const query = duration !== null && duration <= 6 * 3600 ? `?duration=${Math.ceil(duration)}` : "";
  const done = new Promise<UploadResult>((resolve) => {
    xhr.open("POST", `/api/sessions/${encodeURIComponent(sessionId)}/media${query}`);
    xhr.setRequestHeader("Authorization", `Bearer ${hostToken}`);
    xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = xhr.response as { mediaUrl?: string; error?: { message?: string } } | null;
      if (xhr.status >= 200 && xhr.status < 300) resolve({ ok: true, mediaUrl: body?.mediaUrl });
      else resolve({ ok: false, message: body?.error?.message ?? `Uploaden mislukt (${xhr.status}).` });
    };
    xhr.onerror = () => resolve({ ok: false, message: "De verbinding viel weg tijdens het uploaden. Probeer het opnieuw." });
    xhr.onabort = () => resolve({ ok: false, message: "Het uploaden is gestopt." });
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
