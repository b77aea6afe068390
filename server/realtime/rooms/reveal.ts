// The host's reveal (results computed and stored before the phase is) and the reaction-time
// correction after it.
import { fail } from "../../../app/core/protocol";
import type { RevealResults } from "../../../app/core/results";
import { type Actor, applyCommand, type Result, type SessionEvent, type SessionState } from "../../../app/core/session";
import { emitResults } from "./broadcast";
import { type RoomsContext, transitionContext } from "./context";
import { computeAndSave, ensureResults } from "./results";
import type { Room } from "./room";
import { HOST_STORAGE_FAILED, persist, reloadStale } from "./storage";

/**
 * Moves to reveal: the phase changes first in memory (so no rating slips in after the results
 * are computed), then the results are computed from the stored log and written, then the document.
 */
export async function reveal(ctx: RoomsContext, room: Room, actor: Actor): Promise<Result<{ events: SessionEvent[]; results: RevealResults }>> {
  while (room.revealing) await room.revealing;
  if (room.recovering) await room.recovering;
  if (room.stale && !(await reloadStale(ctx, room))) return fail("storage_failed", HOST_STORAGE_FAILED);
  const transition = applyCommand(room.state, { type: "phase", phase: "reveal" }, actor, transitionContext(ctx));
  if (!transition.ok) return transition;
  let done!: () => void;
  room.revealing = new Promise<void>((resolve) => (done = resolve));
  try {
    return await revealWithResults(ctx, room, transition.value);
  } finally {
    room.revealing = null;
    done();
  }
}

async function revealWithResults(
  ctx: RoomsContext,
  room: Room,
  transition: { state: SessionState; events: SessionEvent[] },
): Promise<Result<{ events: SessionEvent[]; results: RevealResults }>> {
  const before = room.state.doc;
  room.state = transition.state;
  room.resultsPending = computeAndSave(ctx, room);
  try {
    await room.resultsPending;
  } catch (error) {
    ctx.deps.warn?.(`Resultaten voor sessie ${room.id} niet berekend of opgeslagen: ${(error as Error).stack ?? error}`);
    const doc = room.state.doc;
    if (doc.phase === "reveal") {
      room.state = { ...room.state, doc: { ...doc, phase: before.phase, phaseLog: before.phaseLog, clock: before.clock, revealedAt: before.revealedAt } };
    }
    return fail("internal", "De resultaten konden niet worden berekend of opgeslagen. De sessie blijft in de fase eindoordeel.");
  } finally {
    room.resultsPending = null;
  }
  if (!(await persist(ctx, room, transition.events))) return fail("storage_failed", HOST_STORAGE_FAILED);
  return { ok: true, value: { events: transition.events, results: room.results!.results } };
}

/**
 * The host's reaction-time correction after the reveal: the results are computed again from the
 * stored log with every rater's live ratings `seconds` earlier, written, and sent to everyone with
 * the tips that fit them. The lag in force is the one in the stored results.
 */
export async function setLag(ctx: RoomsContext, room: Room, actor: Actor, seconds: number): Promise<Result<{ lagSeconds: number }>> {
  if (room.recovering) await room.recovering;
  if (room.stale && !(await reloadStale(ctx, room))) return fail("storage_failed", HOST_STORAGE_FAILED);
  if (actor.kind !== "host") return fail("forbidden", "Alleen de begeleider kan de reactietijd corrigeren.");
  if (room.state.doc.phase === "closed") return fail("session_closed");
  if (room.state.doc.revealedAt === null) return fail("wrong_phase", "De reactietijd corrigeer je na de onthulling.");
  await ensureResults(ctx, room);
  // One computation at a time: a second change waits for the first and then starts from its result.
  while (room.resultsPending) await room.resultsPending.catch(() => undefined);
  if (room.results!.results.timeline.lagSeconds === seconds) return { ok: true, value: { lagSeconds: seconds } };
  room.resultsPending = computeAndSave(ctx, room, seconds);
  try {
    await room.resultsPending;
  } catch (error) {
    ctx.deps.warn?.(`Resultaten voor sessie ${room.id} niet opnieuw berekend of opgeslagen: ${(error as Error).stack ?? error}`);
    return fail("storage_failed", HOST_STORAGE_FAILED);
  } finally {
    room.resultsPending = null;
  }
  emitResults(ctx, room);
  return { ok: true, value: { lagSeconds: seconds } };
}
