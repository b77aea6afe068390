// The host's hand on the gesprek clock: play, pause, jump back or ahead, and seek. Every action is
// a session:clock request; the screen (and every phone) follows the server's answer, not the button.
import { useState } from "react";
import type { ClockState } from "../../core/protocol";
import { formatClock } from "../../core/format";
import { ErrorAlert } from "../ErrorAlert";

export function ClockControls({
  clock,
  t,
  duration,
  onClock,
}: {
  clock: ClockState;
  t: number;
  duration: number | null;
  onClock: (action: "play" | "pause" | "seek", t: number) => Promise<string | null>;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState<number | null>(null);
  const max = duration ?? null;
  const clampT = (v: number) => Math.max(0, max === null ? v : Math.min(v, max));

  const send = async (action: "play" | "pause" | "seek", at: number) => {
    setBusy(true);
    setError(await onClock(action, clampT(at)));
    setBusy(false);
  };

  const atEnd = max !== null && t >= max - 0.05;
  return (
    <div className="clock-controls" role="group" aria-label="Bediening van het gesprek">
      <p className="clock-readout" aria-live="off">
        <span className="clock-now">{formatClock(dragging ?? t)}</span>
        {max !== null ? <span className="muted"> / {formatClock(max)}</span> : null}
        <span className="clock-state">{clock.playing ? " · speelt" : " · gepauzeerd"}</span>
      </p>
      <div className="actions">
        <button type="button" className="secondary" disabled={busy} onClick={() => void send("seek", t - 10)}>
          ⟲ 10 s terug
        </button>
        {clock.playing ? (
          <button type="button" disabled={busy} onClick={() => void send("pause", t)}>
            Pauzeer
          </button>
        ) : (
          <button type="button" disabled={busy || atEnd} onClick={() => void send("play", t)}>
            {t > 0 ? "Verder afspelen" : "Start het gesprek"}
          </button>
        )}
        <button type="button" className="secondary" disabled={busy} onClick={() => void send("seek", t + 10)}>
          10 s vooruit ⟳
        </button>
      </div>
      {max !== null ? (
        <div className="field">
          <label htmlFor="clock-seek">Spring naar een tijd</label>
          <input
            id="clock-seek"
            type="range"
            min={0}
            max={Math.ceil(max)}
            step={1}
            value={Math.round(dragging ?? t)}
            aria-valuetext={formatClock(dragging ?? t)}
            onChange={(e) => setDragging(Number(e.currentTarget.value))}
            onPointerUp={() => {
              if (dragging !== null) void send("seek", dragging).then(() => setDragging(null));
            }}
            onKeyUp={() => {
              if (dragging !== null) void send("seek", dragging).then(() => setDragging(null));
            }}
            onBlur={() => setDragging(null)}
          />
        </div>
      ) : null}
      <ErrorAlert message={error} />
    </div>
  );
}
