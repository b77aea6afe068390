// What is being watched, following the session clock: a vignette's transcript, the session's own
// recording, or, for a role-play in the room, just the running clock.
import type { SessionSnapshot } from "../../core/protocol";
import { formatClock } from "../../core/format";
import type { LiveClient } from "../../realtime/live-client";
import type { RoomTranscript } from "../../realtime/room-content";
import { SyncedMedia } from "./SyncedMedia";
import { Transcript } from "./Transcript";

export function GesprekView({
  client,
  snapshot,
  transcript,
  t,
  host = false,
  onSeek,
}: {
  client: LiveClient;
  snapshot: SessionSnapshot;
  transcript: RoomTranscript | null;
  t: number;
  host?: boolean;
  onSeek?: (t: number) => void;
}) {
  const { source, clock, duration } = snapshot;
  const readout = (
    <p className="gesprek-clock" aria-live="off">
      <span aria-hidden="true">{clock.playing ? "▶" : "❚❚"}</span> {formatClock(t)}
      {duration !== null ? <span className="muted"> / {formatClock(duration)}</span> : null}
      <span className="visually-hidden">{clock.playing ? " loopt" : " gepauzeerd"}</span>
    </p>
  );
  if (source.kind === "vignette") {
    return (
      <section className="gesprek" aria-label="Het gesprek">
        {host ? null : readout}
        {transcript ? <Transcript transcript={transcript} t={t} onSeek={onSeek} large={host} /> : <p className="muted">Het gesprek wordt geladen…</p>}
      </section>
    );
  }
  if (source.kind === "media") {
    return (
      <section className="gesprek" aria-label="De opname">
        {host ? null : readout}
        {source.mediaUrl ? (
          <SyncedMedia client={client} src={source.mediaUrl} type={source.mediaType} playing={clock.playing} startMuted={!host} />
        ) : (
          <p className="alert warn">Er is nog geen opname geüpload.</p>
        )}
      </section>
    );
  }
  return (
    <section className="gesprek" aria-label="Het rollenspel">
      {host ? null : readout}
      <p className="muted">Het rollenspel speelt zich af in de zaal. De klok loopt mee, zodat elke beoordeling bij het juiste moment hoort.</p>
    </section>
  );
}
