// Deleting sessions: by the host, and when their retention ran out.
import { retentionDaysFor } from "../../../app/core/agenda";
import type { SessionState } from "../../../app/core/session";
import { type RoomsContext, nowMs } from "./context";
import { expel } from "./membership";
import type { Room } from "./room";

/**
 * When a session was last used: its creation, a phase change, a join, a move of the clock or an
 * upload. Retention counts from here, so a session prepared weeks ahead is not purged on the day it
 * is used.
 */
export function lastActivity(doc: SessionState["doc"]): number {
  let last = Math.max(doc.createdAt, doc.clock.at);
  for (const e of doc.phaseLog) last = Math.max(last, e.at);
  for (const p of doc.participants) last = Math.max(last, p.joinedAt);
  if (doc.source.media) last = Math.max(last, doc.source.media.uploadedAt);
  if (doc.agenda?.startedAt) last = Math.max(last, doc.agenda.startedAt);
  return last;
}

/** Deletes a session: its document, ratings, results and upload. Everyone in it is told. */
export async function deleteSession(ctx: RoomsContext, room: Room, message = "De begeleider heeft deze sessie verwijderd."): Promise<void> {
  ctx.registry.remove(room);
  for (const { socket } of [...room.sockets.values()]) expel(room, socket, message);
  try {
    await ctx.deps.store.delete(room.id);
  } catch (error) {
    // Still on disk: keep it findable, so the host can delete it again (or use it).
    ctx.registry.add(room);
    throw error;
  }
}

/**
 * One run of the purge: deletes every session whose last activity is more than RETENTION_DAYS
 * ago, with its ratings, reflections, results and upload; resolves with how many went.
 */
export async function purgeExpired(ctx: RoomsContext): Promise<number> {
  let purged = 0;
  for (const room of [...ctx.registry.values()]) {
    // An eigen casus holds a real client's situation: kept at most OWN_CASE_RETENTION_DAYS (decision 021).
    const days = retentionDaysFor(room.state.doc.method, ctx.deps.retentionDays);
    if (!(days > 0) || lastActivity(room.state.doc) >= nowMs(ctx) - days * 24 * 3600 * 1000) continue;
    try {
      await deleteSession(ctx, room, "Deze sessie is verlopen en verwijderd.");
      purged++;
    } catch (error) {
      ctx.deps.warn?.(`Verlopen sessie ${room.id} niet verwijderd: ${(error as Error).message}`);
    }
  }
  return purged;
}
