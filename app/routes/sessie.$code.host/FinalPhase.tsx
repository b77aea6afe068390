// Final rating on the control view: who has handed in (never what), and the step to the reveal.
import { RATER_ROLES } from "~/core/protocol";
import type { PhaseProps } from "./host-view";

export function FinalPhase({ snapshot, controls }: PhaseProps) {
  const raters = snapshot.participants.filter((p) => RATER_ROLES.includes(p.role));
  const done = raters.filter((p) => p.finalSubmitted).length;
  return (
    <>
      <section className="submissions card" aria-labelledby="submissions-h">
        <h1 id="submissions-h">
          Eindoordeel: {done} van {raters.length} ingeleverd
        </h1>
        <p className="hint">Je ziet wie heeft ingeleverd, niet wat. Onthul als iedereen klaar is.</p>
        {controls}
        <ul className="presence-list">
          {raters.map((p) => (
            <li key={p.id} className={p.finalSubmitted ? "active" : undefined}>
              <span className="presence-dot" aria-hidden="true" />
              {p.displayName}
              <span className="submission-state">{p.finalSubmitted ? "ingeleverd" : "nog bezig"}</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
