// The vignette's transcript, advancing on the session clock: turns appear as they are spoken and
// the current one is marked. Later turns stay hidden, so nobody reads ahead. The list scrolls
// itself (not the page) to keep the current turn in sight.
import { useEffect, useRef } from "react";
import { formatClock } from "../../core/format";
import { currentTurnIndex, type RoomTranscript } from "../../realtime/room-content";

export function Transcript({
  transcript,
  t,
  onSeek,
  large = false,
}: {
  transcript: RoomTranscript;
  t: number;
  /** The host may jump to a spoken turn. */
  onSeek?: (t: number) => void;
  large?: boolean;
}) {
  const current = currentTurnIndex(transcript.turns, t);
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    const list = listRef.current;
    const el = list?.querySelector<HTMLElement>("[data-current='true']");
    if (!list || !el) return;
    const reduce = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
    list.scrollTo({ top: Math.max(0, el.offsetTop - list.clientHeight / 3), behavior: reduce ? "auto" : "smooth" });
  }, [current]);

  const shown = transcript.turns.slice(0, current + 1);
  return (
    <div className={`live-transcript${large ? " large" : ""}`}>
      {shown.length === 0 ? <p className="muted">Het gesprek begint zo.</p> : null}
      {/* Focusable, so the scrolled list can be read back by keyboard too. */}
      <ol ref={listRef} className="transcript" aria-label="Wat er gezegd is" tabIndex={0}>
        {shown.map((turn, i) => (
          <li
            key={turn.t}
            className={`turn role-${turn.speakerRole}${i === current ? " current" : ""}`}
            data-current={i === current ? "true" : undefined}
            aria-current={i === current ? "true" : undefined}
          >
            {onSeek ? (
              <button type="button" className="turn-seek" onClick={() => onSeek(turn.t)} aria-label={`Spring naar ${formatClock(turn.t)}`}>
                <time>{formatClock(turn.t)}</time>
              </button>
            ) : (
              <time>{formatClock(turn.t)}</time>
            )}
            <p>
              <span className="speaker">{turn.speaker}</span>
              {turn.text}
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}
