// Making what a command changed durable, telling the host when the disk fails (and works again),
// and repairing memory from disk after a failed write.
import type { StorageStatus } from "../../../app/core/protocol";
import { changesDocument, type SessionEvent } from "../../../app/core/session";
import type { RatingRecord } from "../../store/sessions";
import { broadcast } from "./broadcast";
import type { RoomsContext } from "./context";
import { replay, toRecord } from "./records";
import { hostRoom, type Room } from "./room";

/** The host's own step could not be stored (the raters' message, ERROR_MESSAGES.storage_failed, speaks of their outbox). */
export const HOST_STORAGE_FAILED = "Opslaan is niet gelukt: de server kan nu niet naar zijn schijf schrijven. Er is niets veranderd; probeer het zo opnieuw.";
/** storage:status for the host. */
const STORAGE_FAILED =
  "De server kan nu niets opslaan: de schijf is vol of onbereikbaar. Wat al was opgeslagen blijft bewaard; nieuwe beoordelingen blijven op de apparaten van de deelnemers en worden opnieuw verstuurd zodra het weer lukt. Waarschuw de beheerder van de server.";
const STORAGE_RESTORED = "Opslaan lukt weer. Wat deelnemers intussen bewaarden, komt nu binnen.";

/**
 * Writes what the events say (document and/or log) and resolves once it is on disk; false when
 * the write failed (the host is told, memory is re-read from disk).
 */
export async function persist(ctx: RoomsContext, room: Room, events: SessionEvent[]): Promise<boolean> {
  const { store } = ctx.deps;
  const records = events.map(toRecord).filter((r): r is RatingRecord => r !== null);
  const docChanged = events.some(changesDocument);
  try {
    const writes: Promise<void>[] = [];
    if (docChanged) writes.push(store.saveDoc(room.id, room.state.doc));
    if (records.length) writes.push(store.append(room.id, records));
    // Nothing new (a duplicate, a resume): still wait until what this reply reports is on disk.
    if (writes.length === 0) writes.push(store.barrier(room.id));
    // Mostly one write (a batch of samples): awaited as it is, without a Promise.all around it.
    await (writes.length === 1 ? writes[0] : Promise.all(writes));
    // The registry's entry (phase, title, last activity) follows the stored document (not of a deleted one).
    if (docChanged && ctx.registry.byId(room.id) === room) ctx.registry.note(room.state.doc);
    // Only a real write proves that storing works again (a barrier with nothing to write does not).
    if (room.storageFailing && (records.length > 0 || docChanged)) tellStorage(ctx, room, true);
    return true;
  } catch (error) {
    ctx.deps.warn?.(`Opslaan voor sessie ${room.id} mislukt: ${(error as Error).message}`);
    tellStorage(ctx, room, false);
    await recover(ctx, room);
    return false;
  }
}

/** Tells the host's sockets when storing starts failing, and when it works again. */
function tellStorage(ctx: RoomsContext, room: Room, ok: boolean): void {
  if (room.storageFailing === !ok) return;
  room.storageFailing = !ok;
  ctx.deps.io.to(hostRoom(room.id)).emit("storage:status", storageStatus(room) ?? { ok: true, message: STORAGE_RESTORED });
}

/** While the last write of this session failed: what the host should be told (null when all is well). */
export function storageStatus(room: Room): StorageStatus | null {
  return room.storageFailing ? { ok: false, message: STORAGE_FAILED } : null;
}

function recover(ctx: RoomsContext, room: Room): Promise<void> {
  if (!ctx.registry.holds(room.id)) return Promise.resolve(); // deleted meanwhile: nothing to repair
  room.recovering ??= (async () => {
    try {
      const loaded = await ctx.deps.store.reload(room.id);
      room.state = replay(loaded);
      room.results = loaded.results;
      room.stale = false;
      if (ctx.registry.byId(room.id) === room) ctx.registry.note(room.state.doc);
    } catch (error) {
      room.stale = true;
      ctx.deps.warn?.(`Sessie ${room.id} kon niet opnieuw worden gelezen: ${(error as Error).message}`);
    } finally {
      room.recovering = null;
    }
    // Never show what memory claims while it is not what the disk holds.
    if (!room.stale) broadcast(ctx, room);
  })();
  return room.recovering;
}

/** Tries again to re-read a stale session; true when memory is what the disk holds again. */
export async function reloadStale(ctx: RoomsContext, room: Room): Promise<boolean> {
  await recover(ctx, room);
  return !room.stale;
}
