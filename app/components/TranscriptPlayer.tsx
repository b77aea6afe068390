// Reads or "plays" a vignette's transcript: the turns appear as a clock advances, with pause and
// seek. Without JavaScript every turn is simply shown.
import { useEffect, useRef, useState } from "react";
import { formatClock } from "~/core/format";

export interface PlayerTurn {
  t: number;
  speaker: string;
  speakerName: string;
  role: "ad" | "client" | "derde";
  text: string;
}

export function TranscriptPlayer({ turns, duration }: { turns: PlayerTurn[]; duration: number }) {
  const [enhanced, setEnhanced] = useState(false);
  const [t, setT] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(1);
  const last = useRef<number | null>(null);
  const currentRef = useRef<HTMLLIElement>(null);

  useEffect(() => setEnhanced(true), []);

  useEffect(() => {
    if (!playing) {
      last.current = null;
      return;
    }
    let frame = 0;
    const tick = (now: number) => {
      if (last.current !== null) {
        const delta = ((now - last.current) / 1000) * speed;
        setT((prev) => {
          const next = Math.min(duration, prev + delta);
          if (next >= duration) setPlaying(false);
          return next;
        });
      }
      last.current = now;
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, duration]);

  const currentIndex = enhanced ? turns.reduce((found, turn, i) => (turn.t <= t ? i : found), -1) : -1;

  useEffect(() => {
    if (playing) currentRef.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [currentIndex, playing]);

  const seekToTurn = (index: number) => {
    const clamped = Math.max(0, Math.min(turns.length - 1, index));
    setT(turns[clamped].t);
  };

  return (
    <div className="transcript-player">
      {enhanced ? (
        <div className="player no-print" role="group" aria-label="Afspelen van het gesprek">
          <div className="actions" style={{ margin: "0.25rem 0" }}>
            <button type="button" onClick={() => setPlaying((p) => !p)} aria-pressed={playing}>
              {playing ? "Pauze" : t > 0 ? "Verder afspelen" : "Afspelen"}
            </button>
            <button type="button" className="secondary" onClick={() => seekToTurn(currentIndex - 1)} aria-label="Vorige beurt">
              ◀ Vorige
            </button>
            <button type="button" className="secondary" onClick={() => seekToTurn(currentIndex + 1)} aria-label="Volgende beurt">
              Volgende ▶
            </button>
            <label style={{ display: "inline-flex", gap: "0.4rem", alignItems: "center", margin: 0 }}>
              Snelheid
              <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} style={{ width: "auto" }}>
                <option value={1}>1×</option>
                <option value={1.5}>1,5×</option>
                <option value={2}>2×</option>
              </select>
            </label>
            <button type="button" className="secondary" onClick={() => setT(duration)}>
              Alles tonen
            </button>
          </div>
          <label htmlFor="gesprek-tijd" className="visually-hidden">
            Tijd in het gesprek
          </label>
          <input
            id="gesprek-tijd"
            type="range"
            min={0}
            max={duration}
            step={1}
            value={Math.round(t)}
            onChange={(e) => setT(Number(e.target.value))}
            aria-valuetext={`${formatClock(t)} van ${formatClock(duration)}`}
          />
          <p className="muted" style={{ margin: 0 }}>
            <time>{formatClock(t)}</time> / {formatClock(duration)}
          </p>
        </div>
      ) : null}
      <ol className="transcript" aria-label="Transcript van het gesprek">
        {turns.map((turn, i) => {
          const state = !enhanced ? "" : i === currentIndex ? " current" : i > currentIndex ? " future" : "";
          return (
            <li
              key={`${turn.t}-${i}`}
              ref={i === currentIndex ? currentRef : undefined}
              className={`turn role-${turn.role}${state}`}
              aria-current={i === currentIndex ? "true" : undefined}
              hidden={enhanced && i > currentIndex && t < duration ? true : undefined}
            >
              <time dateTime={`PT${Math.floor(turn.t)}S`}>{formatClock(turn.t)}</time>
              <div>
                <span className="speaker">{turn.speakerName}</span>
                {turn.text}
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
