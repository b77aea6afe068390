// The projector's band for the OT method: which round, what the group does now, and the time left.
// Calm and at the bottom, so it never competes with the phase; over time shows as a plain count.
import { formatRemaining } from "~/core/agenda";
import type { SessionSnapshot } from "~/core/protocol";
import type { LiveClient } from "~/realtime/live-client";
import type { AgendaTexts } from "./texts";
import { useRound } from "./use-round";

export function AgendaBand({ client, snapshot, texts }: { client: LiveClient; snapshot: SessionSnapshot; texts: AgendaTexts }) {
  const timing = useRound(client, snapshot);
  if (!timing || !snapshot.method) return null;
  const { round, index, started, remaining, overTime } = timing;
  const instruction = texts[snapshot.method.id]?.rounds[round.id]?.instruction;
  const total = snapshot.method.rounds.length;
  return (
    <section className="agenda-band" aria-label={`${snapshot.method.title}: ronde ${index + 1} van ${total}`} data-over={overTime || undefined}>
      <div className="agenda-band-round">
        <p className="agenda-band-step">
          {snapshot.method.title} · ronde {index + 1} van {total}
        </p>
        <p className="agenda-band-title">{round.title}</p>
      </div>
      {instruction ? <p className="agenda-band-instruction">{instruction}</p> : null}
      <p className="agenda-band-time" role="timer" aria-live="off">
        {started ? (
          <>
            <span className="agenda-band-clock">{formatRemaining(Math.abs(remaining))}</span>
            <span className="agenda-band-unit">{overTime ? "over tijd" : "nog"}</span>
          </>
        ) : (
          <>
            <span className="agenda-band-clock">{round.minutes} min</span>
            <span className="agenda-band-unit">begint zo</span>
          </>
        )}
      </p>
    </section>
  );
}
