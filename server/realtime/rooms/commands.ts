// The command pipeline. Each command goes the same way: apply the pure transition
// (app/core/session.ts) → persist what its events say (session document and/or rating log, both
// durable before we return) → the caller acks → broadcast.
//
// State is changed synchronously, before the write, so that a retry arriving while the first copy
// is still being written is recognised as a duplicate. A duplicate is acked only after the write
// that holds the original is on disk (store.barrier). If a write fails, memory is re-read from disk.
import { rm } from "node:fs/promises";
import { fail } from "../../../app/core/protocol";
import { type Actor, applyCommand, type Result, type SessionCommand, type SessionEvent } from "../../../app/core/session";
import { type RoomsContext, transitionContext } from "./context";
import type { LiveSocket, Room } from "./room";
import { HOST_STORAGE_FAILED, persist, reloadStale } from "./storage";

/**
 * Applies a command and waits until what it changed is durably stored. Resolves with the
 * events; the caller acks and then calls `broadcast`.
 */
export async function execute(ctx: RoomsContext, room: Room, command: SessionCommand, actor: Actor, via?: LiveSocket): Promise<Result<{ events: SessionEvent[] }>> {
  while (room.revealing) await room.revealing;
  if (room.recovering) await room.recovering;
  if (room.stale && !(await reloadStale(ctx, room))) return fail("storage_failed", actor.kind === "host" ? HOST_STORAGE_FAILED : undefined);
  if (!ctx.registry.holds(room.id)) return fail("not_found");
  // A socket whose seat another connection took over while this command waited: its seqs may
  // now be the other connection's (docs/decisions/016), so nothing of it is stored.
  if (via && !room.sockets.has(via.id)) return fail("unauthorized", "Je beoordeelt nu in een ander venster of op een ander apparaat.");
  const transition = applyCommand(room.state, command, actor, transitionContext(ctx));
  if (!transition.ok) return transition;
  const { state, events } = transition.value;
  room.state = state;
  if (!(await persist(ctx, room, events))) return fail("storage_failed", actor.kind === "host" ? HOST_STORAGE_FAILED : undefined);
  for (const event of events) {
    if (event.type === "media-changed" && event.previous) {
      await rm(ctx.deps.store.mediaPath(room.id, event.previous.file), { force: true }).catch(() => undefined);
    }
  }
  return { ok: true, value: { events } };
}
