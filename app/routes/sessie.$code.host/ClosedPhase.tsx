// Closed: the report, and deleting the session (which asks first).
import type { ReactNode } from "react";
import { PersonalDataFlags } from "~/components/live/ReportAccess";
import type { PhaseProps } from "./host-view";

export function ClosedPhase({
  snapshot,
  report,
  deleteSession,
}: PhaseProps & { report: ReactNode; deleteSession: ReactNode }) {
  return (
    <section className="host-closed" aria-labelledby="closed-h">
      <h1 id="closed-h">De sessie is afgesloten</h1>
      <p className="lead">Bedankt voor het begeleiden. Er verandert niets meer aan deze sessie; het verslag staat klaar.</p>
      <PersonalDataFlags flags={snapshot.host?.personalData ?? []} />
      <p className="actions">{report}</p>
      <div className="card host-data">
        <h2>De gegevens van de groep</h2>
        <p>
          Bewaar het verslag als pdf of download het als CSV of JSON. Daarna kun je de sessie verwijderen; zonder dat wist de server
          haar vanzelf na de bewaartermijn (standaard 30 dagen na de laatste activiteit).
        </p>
        {deleteSession}
      </div>
    </section>
  );
}
