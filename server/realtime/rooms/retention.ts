// Deleting sessions: by the host, and when their retention ran out. Both work from the registry's
// entries, so a session that is not in memory is deleted without being read in.
import { retentionDaysFor } from "../../../app/core/agenda";
import { type RoomsContext, nowMs } from "./context";
import { expel } from "./membership";

/** Deletes a session: its document, ratings, results and upload. Everyone in it is told. */
export async function deleteSession(ctx: RoomsContext, id: string, message = "De begeleider heeft deze sessie verwijderd."): Promise<void> {
  // A load under way finishes first, so nobody is left holding a room of a deleted session.
  await ctx.registry.loading.get(id)?.catch(() => undefined);
  const entry = ctx.registry.entry(id);
  if (!entry) return;
  const room = ctx.registry.byId(id);
  ctx.registry.remove(id);
  if (room) for (const { socket } of [...room.sockets.values()]) expel(room, socket, message);
  try {
    await ctx.deps.store.delete(id);
  } catch (error) {
    // Still on disk: keep it findable, so the host can delete it again (or use it).
    ctx.registry.restore(entry, room);
    throw error;
  }
}

/**
 * One run of the purge: deletes every session whose last activity is more than RETENTION_DAYS
 * ago, with its ratings, reflections, results and upload; resolves with how many went.
 */
export async function purgeExpired(ctx: RoomsContext): Promise<number> {
  let purged = 0;
  for (const entry of [...ctx.registry.entries()]) {
    // An eigen casus holds a real client's situation: kept at most OWN_CASE_RETENTION_DAYS (decision 021).
    const days = retentionDaysFor({ ownCase: entry.ownCase }, ctx.deps.retentionDays);
    if (!(days > 0) || entry.lastActivity >= nowMs(ctx) - days * 24 * 3600 * 1000) continue;
    try {
      await deleteSession(ctx, entry.id, "Deze sessie is verlopen en verwijderd.");
      purged++;
    } catch (error) {
      ctx.deps.warn?.(`Verlopen sessie ${entry.id} niet verwijderd: ${(error as Error).message}`);
    }
  }
  return purged;
}
