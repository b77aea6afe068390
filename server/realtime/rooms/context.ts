// What every part of the rooms works with: the injected deps, the registry of held rooms, and the
// lookups made once from the content. The Rooms façade (rooms.ts) builds it once.
import type { TransitionContext } from "../../../app/core/session";
import type { Registry } from "./registry";
import type { RoomsDeps } from "./room";

export interface RoomsContext {
  readonly deps: RoomsDeps;
  readonly registry: Registry;
  /** Behaviour id → element id, for the transitions. */
  readonly behaviours: Map<string, string>;
  /** Element id → name, for the snapshots. */
  readonly elementNames: Record<string, string>;
}

export function roomsContext(deps: RoomsDeps, registry: Registry): RoomsContext {
  return {
    deps,
    registry,
    behaviours: new Map([...deps.content.behaviourIndex].map(([id, b]) => [id, b.elementId])),
    elementNames: Object.fromEntries(deps.content.elements.elements.map((e) => [e.id, e.name])),
  };
}

export function nowMs(ctx: RoomsContext): number {
  return ctx.deps.now().getTime();
}

export function transitionContext(ctx: RoomsContext): TransitionContext {
  return { now: nowMs(ctx), behaviours: ctx.behaviours, evaluationQuestions: ctx.deps.evaluation?.questions ?? [] };
}
