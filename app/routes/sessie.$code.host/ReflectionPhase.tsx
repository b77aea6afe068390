// Reflection on the control view: the step to closing, the learning points (and projecting them),
// the report, and the results again behind a disclosure.
import type { ReactNode } from "react";
import { HostReflection } from "~/components/live/HostReflection";
import { PersonalDataFlags } from "~/components/live/ReportAccess";
import type { PhaseProps, ResultsPanel } from "./host-view";

export function ReflectionPhase({
  client,
  snapshot,
  controls,
  results,
  report,
  actionAlert,
}: PhaseProps & { results: ResultsPanel; report: ReactNode; actionAlert: ReactNode }) {
  return (
    <>
      {controls}
      <HostReflection client={client} view={snapshot.host} />
      <section className="host-report card" aria-labelledby="report-h">
        <h2 id="report-h">Het verslag</h2>
        <p>Het verslag is het OT-verslag van vanavond: uitkomsten, besproken tips, leerpunten en de evaluatie, zonder namen.</p>
        <PersonalDataFlags flags={snapshot.host?.personalData ?? []} headingLevel={3} />
        <p className="actions">{report}</p>
      </section>
      {actionAlert}
      <details className="card host-results-again">
        <summary>De uitkomsten nog eens bekijken</summary>
        {results()}
      </details>
    </>
  );
}
