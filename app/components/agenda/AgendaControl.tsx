// The control view's part of the OT method: the current round with its time (over time is shown, not
// enforced), the chair's note, "Volgende ronde", and every round with the current one marked. The
// host moves on with round:set; the server stores when the round started.
import { useState } from "react";
import { ErrorAlert } from "~/components/ErrorAlert";
import { formatRemaining } from "~/core/agenda";
import type { SessionSnapshot } from "~/core/protocol";
import { PHASE_LABELS } from "~/core/session";
import type { LiveClient } from "~/realtime/live-client";
import type { AgendaTexts } from "./texts";
import { useRound } from "./use-round";

export function AgendaControl({ client, snapshot, texts }: { client: LiveClient; snapshot: SessionSnapshot; texts: AgendaTexts }) {
  const timing = useRound(client, snapshot);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const method = snapshot.method;
  if (!timing || !method) return null;
  const { round, index, started, remaining, overTime } = timing;
  const roundTexts = texts[method.id]?.rounds ?? {};
  const closed = snapshot.phase === "closed";
  const last = index === method.rounds.length - 1;

  const go = async (to: number) => {
    setBusy(true);
    const ack = await client.request("round:set", { index: to });
    setBusy(false);
    setError(ack.ok ? null : ack.error.message);
  };

  return (
    <section className="card agenda-control" aria-labelledby="agenda-h" data-over={overTime || undefined}>
      <div className="agenda-control-head">
        <div>
          <h2 id="agenda-h">
            {method.title}: ronde {index + 1} van {method.rounds.length}
          </h2>
          <p className="agenda-control-round">
            <strong>{round.title}</strong>{" "}
            <span className="agenda-control-time" role="timer" aria-live="off">
              {started ? (overTime ? `${formatRemaining(-remaining)} over tijd` : `nog ${formatRemaining(remaining)} van ${round.minutes} min`) : `${round.minutes} min, nog niet gestart`}
            </span>
          </p>
          {round.phase !== snapshot.phase ? (
            <p className="hint">
              Deze ronde hoort bij de fase {PHASE_LABELS[round.phase]}; de sessie is in de fase {PHASE_LABELS[snapshot.phase]}.
            </p>
          ) : null}
        </div>
        {!closed ? (
          <div className="actions">
            {!started ? (
              <button type="button" disabled={busy} onClick={() => go(index)}>
                Start ronde {index + 1}
              </button>
            ) : !last ? (
              <button type="button" disabled={busy} onClick={() => go(index + 1)}>
                Volgende ronde
              </button>
            ) : null}
            {started && index > 0 ? (
              <button type="button" className="secondary" disabled={busy} onClick={() => go(index - 1)}>
                Vorige ronde
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      <ErrorAlert message={error} />
      {roundTexts[round.id]?.chairNote ? (
        <p className="agenda-chair-note">
          <span className="agenda-label">Voor jou als voorzitter:</span> {roundTexts[round.id]?.chairNote}
        </p>
      ) : null}
      <details className="agenda-rounds">
        <summary>Alle rondes</summary>
        <ol>
          {method.rounds.map((r, i) => (
            <li key={r.id} aria-current={i === index ? "step" : undefined} className={i === index ? "current" : undefined}>
              <span className="agenda-rounds-title">{r.title}</span>{" "}
              <span className="hint">
                {r.minutes} min · {PHASE_LABELS[r.phase]}
              </span>
              {i !== index && !closed ? (
                <button type="button" className="secondary agenda-jump" disabled={busy} onClick={() => go(i)} aria-label={`Ga hierheen: ronde ${i + 1}, ${r.title}`}>
                  Ga hierheen
                </button>
              ) : null}
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}
