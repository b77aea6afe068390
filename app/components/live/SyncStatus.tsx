// Tells the rater whether what they did has reached the server. Counts only, never values.
import type { LiveState } from "../../realtime/live-client";

/** While rating, a second's worth of samples is always on its way; more than this is a backlog. */
const BACKLOG = 30;

export function SyncStatus({ state }: { state: LiveState }) {
  const { pending, status, ackedSampleSeq } = state;
  const waiting = pending.samples + pending.moments + (pending.final ? 1 : 0);
  const text =
    waiting === 0
      ? "Alles is opgeslagen."
      : status !== "online"
        ? `${waiting} ${waiting === 1 ? "beoordeling wacht" : "beoordelingen wachten"} op verbinding. Ze blijven op dit apparaat bewaard en gaan vanzelf mee.`
        : pending.samples <= BACKLOG && pending.moments === 0 && !pending.final
          ? "Je beoordeling wordt doorlopend opgeslagen."
          : "Bezig met opslaan…";
  return (
    <p className={`sync-status${status !== "online" && waiting ? " waiting" : ""}`} data-acked-seq={ackedSampleSeq} data-pending={waiting}>
      {text}
    </p>
  );
}
