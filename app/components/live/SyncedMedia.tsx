// The session's own recording, following the server's gesprek clock: drift is corrected by a gentle
// playbackRate change and, beyond 3 s, by a jump. Phones start muted (the room hears the projector);
// one tap turns the sound on. Nobody controls this element directly: the host uses ClockControls.
import { useEffect, useRef, useState } from "react";
import { mediaCorrection } from "../../realtime/clock";
import type { LiveClient } from "../../realtime/live-client";

export function SyncedMedia({
  client,
  src,
  type,
  playing,
  startMuted,
  onDuration,
}: {
  client: LiveClient;
  src: string;
  type?: string;
  playing: boolean;
  startMuted: boolean;
  onDuration?: (seconds: number) => void;
}) {
  const ref = useRef<HTMLVideoElement & HTMLAudioElement>(null);
  const [muted, setMuted] = useState(startMuted);
  const [blocked, setBlocked] = useState(false);
  const [failed, setFailed] = useState(false);
  const isAudio = type?.startsWith("audio/") ?? false;

  useEffect(() => {
    const media = ref.current;
    if (!media) return;
    const follow = () => {
      if (media.readyState < 1) return;
      const clockTime = client.gesprekTime();
      // For tests and debugging: where the clock was, and when (performance.now()).
      media.dataset.clock = String(clockTime);
      media.dataset.clockAt = String(performance.now());
      const { seekTo, playbackRate } = mediaCorrection(media.currentTime, clockTime, playing);
      if (seekTo !== null && Number.isFinite(seekTo)) media.currentTime = Math.min(seekTo, media.duration || seekTo);
      if (media.playbackRate !== playbackRate) media.playbackRate = playbackRate;
      if (playing && media.paused && !media.ended) {
        media.play().then(
          () => setBlocked(false),
          () => setBlocked(true),
        );
      } else if (!playing && !media.paused) {
        media.pause();
      }
    };
    follow();
    const id = setInterval(follow, 250);
    media.addEventListener("loadedmetadata", follow);
    return () => {
      clearInterval(id);
      media.removeEventListener("loadedmetadata", follow);
    };
  }, [client, playing]);

  useEffect(() => {
    // React does not always reflect `muted` onto the element; autoplay rules look at the property.
    if (ref.current) ref.current.muted = muted;
  }, [muted]);

  useEffect(() => {
    const media = ref.current;
    if (!media || !onDuration) return;
    const report = () => {
      if (Number.isFinite(media.duration)) onDuration(media.duration);
    };
    report();
    media.addEventListener("durationchange", report);
    return () => media.removeEventListener("durationchange", report);
  }, [onDuration]);

  const Tag = isAudio ? "audio" : "video";
  return (
    <div className={`synced-media${isAudio ? " audio" : ""}`}>
      <Tag
        ref={ref}
        src={src}
        muted={muted}
        playsInline
        preload="auto"
        onError={() => setFailed(true)}
        aria-label="De opname van het gesprek"
      />
      {failed ? <p className="alert error">De opname kon niet worden geladen.</p> : null}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => setMuted((m) => !m)} aria-pressed={!muted}>
          {muted ? "Geluid aan" : "Geluid uit"}
        </button>
        {blocked ? (
          <button
            type="button"
            onClick={() => {
              void ref.current?.play().then(() => setBlocked(false), () => setBlocked(true));
            }}
          >
            Tik om de opname te starten
          </button>
        ) : null}
      </div>
    </div>
  );
}
