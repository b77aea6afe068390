// Rooms in memory only while they are used (docs/decisions/028). A room is read from its files on
// first use (everyone asking meanwhile shares that one load) and unloaded when nobody used it for a
// while: no socket in it, no request for IDLE_UNLOAD_MINUTES (sooner once it is closed or revealed).
// Unloading writes what is pending first and gives way to any use that came meanwhile, so nothing
// acked is dropped and a request that arrives during an unload reads the room in again.
import path from "node:path";
import { StoreError } from "../../store/json-doc";
import type { RoomsContext } from "./context";
import { replay } from "./records";
import { newRoom, type Room } from "./room";

/** Idle time of a session that is closed or revealed: past Socket.IO's 2-minute recovery window. */
const FINISHED_IDLE_MS = 5 * 60 * 1000;
/** Default idle time (IDLE_UNLOAD_MINUTES). */
export const IDLE_UNLOAD_MS = 15 * 60 * 1000;

/** The room of a stored session, read in when it is not in memory; undefined when there is no such session. */
export function openRoom(ctx: RoomsContext, id: string): Promise<Room | undefined> {
  const held = ctx.registry.byId(id);
  if (held) {
    held.lastUsed = performance.now();
    return Promise.resolve(held);
  }
  if (!ctx.registry.entry(id)) return Promise.resolve(undefined);
  let loading = ctx.registry.loading.get(id);
  if (!loading) {
    const started = load(ctx, id).finally(() => {
      if (ctx.registry.loading.get(id) === started) ctx.registry.loading.delete(id);
    });
    ctx.registry.loading.set(id, (loading = started));
  }
  return loading;
}

/** Reads a session's document, log and results; a damaged file throws its StoreError. */
async function load(ctx: RoomsContext, id: string): Promise<Room | undefined> {
  const { store, warn } = ctx.deps;
  let loaded;
  try {
    loaded = await store.load(id);
  } catch (error) {
    throw error instanceof StoreError ? error.whileRunning() : error;
  }
  if (!ctx.registry.entry(id)) {
    // Deleted while it was read.
    await store.unload(id).catch(() => undefined);
    return undefined;
  }
  if (loaded.truncatedBytes > 0) {
    const log = path.join(store.dirOf(id), "ratings.ndjson");
    warn?.(`Sessie ${id}: ${loaded.truncatedBytes} bytes van een onderbroken, nooit bevestigde schrijfactie afgekapt aan het eind van ${log}.`);
  }
  let room: Room;
  try {
    room = newRoom(id, replay(loaded), loaded.results);
  } catch (error) {
    await store.unload(id).catch(() => undefined); // so the next use can try again
    throw error;
  }
  ctx.registry.add(room);
  return room;
}

/** Nobody in it, nothing running in it, nothing to repair, and unused for long enough. */
function idle(ctx: RoomsContext, room: Room, now: number): boolean {
  if (room.sockets.size > 0 || room.busy > 0 || room.recovering || room.revealing || room.resultsPending || room.stale || room.storageFailing) return false;
  const { doc } = room.state;
  const limit = ctx.deps.idleUnloadMs ?? IDLE_UNLOAD_MS;
  const after = doc.phase === "closed" || doc.revealedAt !== null ? Math.min(limit, FINISHED_IDLE_MS) : limit;
  return now - room.lastUsed >= after;
}

/** Unloads every idle room; resolves with how many went. */
export async function unloadIdle(ctx: RoomsContext): Promise<number> {
  let unloaded = 0;
  for (const room of [...ctx.registry.values()]) {
    if (idle(ctx, room, performance.now()) && (await unload(ctx, room))) unloaded++;
  }
  return unloaded;
}

async function unload(ctx: RoomsContext, room: Room): Promise<boolean> {
  const used = room.lastUsed;
  try {
    // Whatever the room wrote is on disk before memory lets go of it.
    await ctx.deps.store.barrier(room.id);
  } catch {
    return false; // the write failed: the room repairs itself (storage.ts) and stays
  }
  // Someone came meanwhile (a join, a request): the room stays.
  if (ctx.registry.byId(room.id) !== room || room.lastUsed !== used || !idle(ctx, room, performance.now())) return false;
  ctx.registry.unload(room);
  // From here a new use reads the session in again; the store opens it after this close.
  await ctx.deps.store.unload(room.id).catch((error: Error) => ctx.deps.warn?.(`Sessie ${room.id} niet netjes gesloten: ${error.message}`));
  return true;
}
