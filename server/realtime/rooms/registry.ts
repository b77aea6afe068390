// The sessions this server holds: an index of every stored session (built from the documents at
// start, kept current as documents are written) and the rooms loaded into memory, by session id and
// by join code. A room is loaded on first use and unloaded when idle (lifecycle.ts, decision 028);
// its entry stays, so lookups, codes and retention never need the room itself.
import type { Phase } from "../../../app/core/protocol";
import type { SessionDoc, SessionState } from "../../../app/core/session";
import type { Room } from "./room";

/** What lookups, join codes and retention need of a session, loaded or not. */
export interface SessionEntry {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly phase: Phase;
  readonly hostTokenHash: string;
  /** Epoch ms; retention counts from here. */
  readonly lastActivity: number;
  /** An eigen casus: kept at most OWN_CASE_RETENTION_DAYS (decision 021). */
  readonly ownCase: boolean;
}

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

function entryOf(doc: SessionDoc): SessionEntry {
  return {
    id: doc.id,
    code: doc.code,
    title: doc.title,
    phase: doc.phase,
    hostTokenHash: doc.hostTokenHash,
    lastActivity: lastActivity(doc),
    ownCase: Boolean(doc.method?.ownCase),
  };
}

export class Registry {
  readonly #entries = new Map<string, SessionEntry>();
  readonly #idByCode = new Map<string, string>();
  readonly #loaded = new Map<string, Room>();
  /** Loads under way, shared by everyone who asks meanwhile (lifecycle.ts). */
  readonly loading = new Map<string, Promise<Room | undefined>>();

  /** Adds or updates a session's entry from its (stored) document. */
  note(doc: SessionDoc): void {
    this.#entries.set(doc.id, entryOf(doc));
    this.#idByCode.set(doc.code, doc.id);
  }

  /** A room now in memory (created or loaded). */
  add(room: Room): void {
    this.note(room.state.doc);
    this.#loaded.set(room.id, room);
  }

  /** Forgets a session (deleted): its entry and its room. */
  remove(id: string): void {
    const entry = this.#entries.get(id);
    if (entry) this.#idByCode.delete(entry.code);
    this.#entries.delete(id);
    this.#loaded.delete(id);
  }

  /** Puts back what `remove` took (a delete that failed). */
  restore(entry: SessionEntry, room: Room | undefined): void {
    this.#entries.set(entry.id, entry);
    this.#idByCode.set(entry.code, entry.id);
    if (room) this.#loaded.set(room.id, room);
  }

  /** Drops a room from memory; its entry stays. */
  unload(room: Room): void {
    if (this.#loaded.get(room.id) === room) this.#loaded.delete(room.id);
  }

  /** Whether the room with this session id is in memory (deleted and unloaded ones are not). */
  holds(id: string): boolean {
    return this.#loaded.has(id);
  }

  /** The room in memory, if it is loaded. */
  byId(id: string): Room | undefined {
    return this.#loaded.get(id);
  }

  entry(id: string): SessionEntry | undefined {
    return this.#entries.get(id);
  }

  /** By the code exactly as stored (Rooms.find takes it as someone typed it). */
  entryByCode(code: string): SessionEntry | undefined {
    const id = this.#idByCode.get(code);
    return id === undefined ? undefined : this.#entries.get(id);
  }

  codeTaken(code: string): boolean {
    return this.#idByCode.has(code);
  }

  /** Sessions stored. */
  get size(): number {
    return this.#entries.size;
  }

  /** Rooms in memory. */
  get loadedCount(): number {
    return this.#loaded.size;
  }

  get codeCount(): number {
    return this.#idByCode.size;
  }

  /** The rooms in memory. */
  values(): IterableIterator<Room> {
    return this.#loaded.values();
  }

  entries(): IterableIterator<SessionEntry> {
    return this.#entries.values();
  }
}
