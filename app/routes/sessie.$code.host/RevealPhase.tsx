// Reveal on the control view: step the projector through the reveal (the main action), then the
// step to the discussion; the full results with the host's tools behind a disclosure.
import type { ReactNode } from "react";
import { PresentationSteps } from "~/components/stage/PresentationSteps";
import type { PhaseProps, ResultsPanel } from "./host-view";

export interface ResultsTools {
  results: ResultsPanel;
  seek: (t: number) => void;
  report: ReactNode;
  actionAlert: ReactNode;
  revisitOpen: boolean;
  toggleRevisit: () => void;
}

export function RevealPhase(props: PhaseProps & ResultsTools) {
  return <PresentingPhase {...props} heading="Onthulling" />;
}

/** Reveal and discussion share this screen; the discussion adds the choice of what is discussed. */
export function PresentingPhase({
  client,
  state,
  reveal,
  controls,
  results,
  seek,
  report,
  actionAlert,
  revisitOpen,
  toggleRevisit,
  heading,
}: PhaseProps & ResultsTools & { heading: string }) {
  return (
    <section className="host-results" aria-labelledby="results-h">
      <div className="host-results-head">
        <h1 id="results-h">{heading}</h1>
        <div className="host-tools">
          <button type="button" className="secondary" aria-expanded={revisitOpen} onClick={toggleRevisit}>
            {revisitOpen ? "Terugkijken sluiten" : "Gesprek terugkijken"}
          </button>
          {report}
        </div>
      </div>
      <div className="stage-grid">
        <PresentationSteps client={client} state={state} elementNames={reveal.elementNames} tipInfo={reveal.tipInfo} />
        {controls}
      </div>
      {actionAlert}
      <details className="card host-results-all">
        <summary>Alle uitkomsten, tips en reactietijd</summary>
        {results(seek)}
      </details>
    </section>
  );
}
