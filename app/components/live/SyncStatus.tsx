// Tells the rater whether everything they did has reached the server. Numbers only, no values.
import type { LiveState } from "../../realtime/live-client";

export function SyncStatus({ state }: { state: LiveState }) {
  const { pending, status, ackedSampleSeq } = state;
  const waiting = pending.samples + pending.moments + (pending.final ? 1 : 0);
  const text =
    waiting === 0
      ? "Alles is opgeslagen."
      : status === "online"
        ? "Bezig met opslaan…"
        : `${waiting} ${waiting === 1 ? "beoordeling wacht" : "beoordelingen wachten"} op verbinding; ze blijven op dit apparaat bewaard.`;
  return (
    <p className={`sync-status${waiting ? " waiting" : ""}`} data-acked-seq={ackedSampleSeq} data-pending={waiting}>
      {text}
    </p>
  );
}
