// The rating log and the state: the records a command's events add to the log, and the state
// rebuilt from the stored document and log.
import type { ElementId } from "../../../app/core/domain";
import {
  initialState,
  type SessionEvent,
  type SessionState,
  storeEvaluation,
  storeFinal,
  storeMoment,
  storeReflection,
  storeSamples,
} from "../../../app/core/session";
import type { LoadedSession, RatingRecord } from "../../store/sessions";

/** The log record an event adds (null: the event changes only the document, or nothing stored). */
export function toRecord(event: SessionEvent): RatingRecord | null {
  switch (event.type) {
    case "samples-stored":
      return {
        type: "samples",
        participantId: event.participantId,
        at: event.at,
        samples: event.samples.map((s) => [s.seq, s.element, s.value, s.t] as [number, ElementId, number, number]),
      };
    case "moment-stored":
      return { type: "moment", at: event.at, moment: event.moment };
    case "final-stored":
      return { type: "final", rating: event.rating };
    case "reflection-stored":
      return { type: "reflection", reflection: event.reflection };
    case "evaluation-stored":
      return { type: "evaluation", evaluation: event.evaluation };
    default:
      return null;
  }
}

/** Rebuilds the in-memory state from the stored document and log (start, and after a failed write). */
export function replay(loaded: LoadedSession): SessionState {
  let state = initialState(loaded.doc);
  for (const r of loaded.records) {
    if (r.type === "samples") {
      const samples = r.samples.map(([seq, element, value, t]) => ({ seq, element, value, t }));
      state = storeSamples(state, r.participantId, samples, null).state;
    } else if (r.type === "moment") state = storeMoment(state, r.moment).state;
    else if (r.type === "final") state = storeFinal(state, r.rating);
    else if (r.type === "reflection") state = storeReflection(state, r.reflection);
    else state = storeEvaluation(state, r.evaluation);
  }
  return state;
}
