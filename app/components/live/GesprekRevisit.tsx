// Looking back at one moment of the gesprek together, after the reveal: when the host jumps to a
// hotspot or a tip's moment, the clock moves there and this panel (docked at the bottom of the
// screen, on the projector and on every phone) shows the turns around that time, or the recording
// at that time. Later turns may be read now: everyone has seen the whole gesprek.
import { useEffect, useRef, useState } from "react";
import { formatClock } from "../../core/format";
import type { Phase, SessionSnapshot } from "../../core/protocol";
import type { LiveClient } from "../../realtime/live-client";
import { currentTurnIndex, type RoomTranscript } from "../../realtime/room-content";
import { SyncedMedia } from "./SyncedMedia";

/** The phases in which the group looks back at the gesprek together. */
export const REVISIT_PHASES: readonly Phase[] = ["reveal", "discussion"];

/**
 * Whether the panel is open. It opens by itself when the host moves the clock (a jump, play or
 * pause) after the reveal, so every phone shows the moment the group is looking at.
 */
export function useRevisit(snapshot: SessionSnapshot | null): { open: boolean; setOpen: (open: boolean) => void } {
  const [open, setOpen] = useState(false);
  const seen = useRef<string | null>(null);
  const clock = snapshot?.clock;
  const key = clock ? `${clock.t}|${clock.at}|${clock.playing}` : null;
  const following = snapshot !== null && REVISIT_PHASES.includes(snapshot.phase);
  useEffect(() => {
    if (!following) {
      seen.current = null;
      return;
    }
    if (seen.current !== null && key !== seen.current) setOpen(true);
    seen.current = key;
  }, [following, key]);
  return { open: open && following, setOpen };
}

/** Turns shown before and after the one spoken at the clock's time. */
const AROUND = 2;

export function GesprekRevisit({
  client,
  snapshot,
  transcript,
  t,
  host,
  onClock,
  onClose,
}: {
  client: LiveClient;
  snapshot: SessionSnapshot;
  transcript: RoomTranscript | null;
  t: number;
  host: boolean;
  /** The host plays and pauses from here; without it the panel follows the host's clock. */
  onClock?: (action: "play" | "pause", t: number) => void;
  onClose: () => void;
}) {
  const { source, clock, duration } = snapshot;
  const atEnd = duration !== null && t >= duration - 0.05;
  const dockRef = useRef<HTMLElement>(null);
  const current = transcript ? currentTurnIndex(transcript.turns, t) : -1;

  // Keep the turn being looked at in sight: the panel scrolls, not the page.
  useEffect(() => {
    const dock = dockRef.current;
    const turn = dock?.querySelector<HTMLElement>(".turn.current");
    const head = dock?.querySelector<HTMLElement>(".revisit-head");
    if (!dock || !turn) return;
    dock.scrollTo({ top: Math.max(0, turn.offsetTop - (head?.offsetHeight ?? 0) - 8) });
  }, [current]);

  let body;
  if (source.kind === "media") {
    body = source.mediaUrl ? (
      <SyncedMedia client={client} src={source.mediaUrl} type={source.mediaType} playing={clock.playing} startMuted={!host} />
    ) : (
      <p className="muted">Er is geen opname om terug te kijken.</p>
    );
  } else if (transcript) {
    const from = Math.max(0, current - AROUND);
    const to = Math.min(transcript.turns.length, Math.max(current, 0) + AROUND + 1);
    body = (
      <ol className="transcript revisit-turns" start={from + 1} aria-label={`Beurten rond ${formatClock(t)}`}>
        {transcript.turns.slice(from, to).map((turn, i) => {
          const index = from + i;
          return (
            <li
              key={turn.t}
              className={`turn role-${turn.speakerRole}${index === current ? " current" : ""}`}
              aria-current={index === current ? "true" : undefined}
            >
              <time>{formatClock(turn.t)}</time>
              <p>
                <span className="speaker">{turn.speaker}</span>
                {turn.text}
              </p>
            </li>
          );
        })}
      </ol>
    );
  } else if (source.kind === "roleplay") {
    body = <p className="muted">Het rollenspel speelde zich af in de zaal; er is geen tekst of opname om terug te kijken.</p>;
  } else {
    body = <p className="muted">Het gesprek wordt geladen…</p>;
  }
  return (
    <section ref={dockRef} className="revisit-dock" aria-labelledby="revisit-h">
      <div className="revisit-head">
        <h2 id="revisit-h">
          Terugkijken <span className="revisit-time">{formatClock(t)}</span>
          <span className="visually-hidden">{clock.playing ? " (speelt)" : ""}</span>
        </h2>
        <div className="revisit-buttons">
          {onClock && source.kind !== "roleplay" ? (
            clock.playing ? (
              <button type="button" className="secondary small" onClick={() => onClock("pause", t)}>
                Pauzeer
              </button>
            ) : (
              <button type="button" className="secondary small" disabled={atEnd} onClick={() => onClock("play", t)}>
                Speel verder
              </button>
            )
          ) : null}
          <button type="button" className="secondary small" onClick={onClose}>
            Sluiten<span className="visually-hidden"> (terugkijken)</span>
          </button>
        </div>
      </div>
      {body}
    </section>
  );
}
