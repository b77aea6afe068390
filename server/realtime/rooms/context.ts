// What every part of the rooms works with: the injected deps, the registry of held rooms, and the
// lookups made once from the content. The Rooms façade (rooms.ts) builds it once.
import type { SessionRecord } from "../../../app/core/report";
import type { TransitionContext } from "../../../app/core/session";
import { SampleIndexes } from "../../store/stored-samples";
import { ResultsWorker } from "../results-compute";
import type { SettledLog } from "../results-work";
import type { Registry } from "./registry";
import type { RoomsDeps } from "./room";

export interface RoomsContext {
  readonly deps: RoomsDeps;
  readonly registry: Registry;
  /** Behaviour id → element id, for the transitions. */
  readonly behaviours: Map<string, string>;
  /** Element id → name, for the snapshots. */
  readonly elementNames: Record<string, string>;
  /** Where each rater's sample lines are, per log read lately (exports read in this thread). */
  readonly sampleIndexes: SampleIndexes;
  /** The thread for the heavy reads of a long log: the reveal's results and downloads (decision 024). */
  readonly resultsWorker: ResultsWorker;
  /** The log each record made by sessionRecord reads its samples from (record.ts). */
  readonly logOfRecord: WeakMap<SessionRecord, SettledLog>;
}

export function roomsContext(deps: RoomsDeps, registry: Registry): RoomsContext {
  return {
    deps,
    registry,
    behaviours: new Map([...deps.content.behaviourIndex].map(([id, b]) => [id, b.elementId])),
    elementNames: Object.fromEntries(deps.content.elements.elements.map((e) => [e.id, e.name])),
    sampleIndexes: new SampleIndexes(),
    resultsWorker: new ResultsWorker(),
    logOfRecord: new WeakMap(),
  };
}

export function nowMs(ctx: RoomsContext): number {
  return ctx.deps.now().getTime();
}

export function transitionContext(ctx: RoomsContext): TransitionContext {
  return { now: nowMs(ctx), behaviours: ctx.behaviours, evaluationQuestions: ctx.deps.evaluation?.questions ?? [] };
}
