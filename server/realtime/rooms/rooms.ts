// The live rooms held in memory, one per stored session: the façade the handlers and HTTP routes
// use. It owns the state (the registry, the create limiter, the timers, the running purge) and
// hands each concern to its module (docs/decisions/026):
//   create.ts      creating a session          retention.ts  deleting and purging
//   commands.ts    the command pipeline         storage.ts    persist, storage status, recovery
//   reveal.ts      reveal and reaction time     results.ts    computing, storing, tips
//   record.ts      the report's record          membership.ts sockets joining and leaving
//   broadcast.ts   snapshots and results sent   presence.ts   who is rating, for the host
//   records.ts     events ↔ log ↔ state         (each stored sample once: server/store/stored-samples.ts)
//   registry.ts    every session's entry, the rooms in memory
//   lifecycle.ts   loading a room on first use, unloading it when idle (decision 028)
//   room.ts, context.ts: what a room holds, what the modules share
import type { SessionSnapshot, StorageStatus } from "../../../app/core/protocol";
import type { ExportJob, SessionRecord } from "../../../app/core/report";
import type { RevealResults } from "../../../app/core/results";
import type { Actor, Result, SessionCommand, SessionEvent } from "../../../app/core/session";
import type { CreatedSession, ServiceResult, SessionSummary } from "../../../app/core/session-service";
import type { RankedTip } from "../../../app/core/tip-rules";
import type { KeyedLimiter } from "../rate-limit";
import { broadcast, broadcastToHostAnd, emitResults, snapshot } from "./broadcast";
import { execute } from "./commands";
import { roomsContext, type RoomsContext } from "./context";
import { createLimiter, createSession } from "./create";
import { attach, detach, expelParticipant, reattach } from "./membership";
import { tickPresence } from "./presence";
import { download, sessionRecord } from "./record";
import { IDLE_UNLOAD_MS, openRoom, unloadIdle } from "./lifecycle";
import { Registry, type SessionEntry } from "./registry";
import type { ResultsContext } from "../results-compute";
import { ensureResults, resultsContext, tipsFor } from "./results";
import { deleteSession, purgeExpired } from "./retention";
import { reveal, setLag } from "./reveal";
import { connectedIds, type LiveSocket, type Room, type RoomsDeps } from "./room";
import { storageStatus } from "./storage";
import { hashToken } from "./tokens";

/** "1 schrijfactie", "3 schrijfacties". */
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export class Rooms {
  readonly #registry = new Registry();
  readonly #ctx: RoomsContext;
  readonly #createLimiter: KeyedLimiter;
  readonly #timers: NodeJS.Timeout[] = [];
  #purging: Promise<number> | null = null;
  #unloading: Promise<number> | null = null;

  private constructor(private readonly deps: RoomsDeps) {
    this.#ctx = roomsContext(deps, this.#registry);
    this.#createLimiter = createLimiter(this.#ctx);
  }

  /**
   * Reads every stored session's document (a damaged one stops the start with its StoreError) into
   * the registry; logs are read when a session is first used. Then purges what expired.
   */
  static async open(deps: RoomsDeps): Promise<Rooms> {
    const rooms = new Rooms(deps);
    for (const doc of await deps.store.scan()) rooms.#registry.note(doc);
    const recovered = deps.store.recovered;
    if (recovered && recovered.files > 0) {
      deps.warn?.(
        `Het journaal van een vorige run die niet netjes stopte is verwerkt: ${plural(recovered.entries, "schrijfactie", "schrijfacties")} opnieuw in ${plural(recovered.logs.length, "beoordelingslogboek", "beoordelingslogboeken")} gezet` +
          (recovered.skipped ? `, ${plural(recovered.skipped, "schrijfactie", "schrijfacties")} van inmiddels verwijderde sessies overgeslagen` : "") +
          (recovered.tornBytes ? `, ${recovered.tornBytes} bytes van een onderbroken, nooit bevestigde schrijfactie genegeerd` : "") +
          ".",
      );
    }
    await rooms.purgeExpired();
    const presence = setInterval(() => rooms.tickPresence(), 1000);
    const purge = setInterval(() => void rooms.purgeExpired(), 60 * 60 * 1000);
    // Looked at four times per idle time, at most once a minute.
    const idleMs = deps.idleUnloadMs ?? IDLE_UNLOAD_MS;
    const unload = setInterval(() => void rooms.#unloadIdle(), Math.min(60_000, Math.max(20, idleMs / 4)));
    for (const t of [presence, purge, unload]) t.unref();
    rooms.#timers.push(presence, purge, unload);
    return rooms;
  }

  // Finding sessions (registry.ts: the index; lifecycle.ts: the rooms in memory)

  /** The room of session `id`, read from disk when it is not in memory. A damaged log rejects with its StoreError. */
  byId(id: string): Promise<Room | undefined> {
    return openRoom(this.#ctx, id);
  }

  /** The room with this join code (as someone typed it), read from disk when it is not in memory. */
  async byCode(code: string): Promise<Room | undefined> {
    const entry = this.find(code);
    return entry ? openRoom(this.#ctx, entry.id) : undefined;
  }

  /** The room of session `id` if it is in memory (a socket's own room always is). */
  held(id: string): Room | undefined {
    return this.#registry.byId(id);
  }

  /** A session by join code (as someone typed it), without reading it in. */
  find(code: string): SessionEntry | undefined {
    return this.#registry.entryByCode(code.trim().toUpperCase());
  }

  /** A session by id, without reading it in. */
  findById(id: string): SessionEntry | undefined {
    return this.#registry.entry(id);
  }

  /** Sessions stored. */
  get count(): number {
    return this.#registry.size;
  }

  /** Rooms in memory (server/metrics.ts reports it). */
  get loaded(): number {
    return this.#registry.loadedCount;
  }

  summary(session: SessionEntry): SessionSummary {
    return { sessionId: session.id, code: session.code, title: session.title, phase: session.phase };
  }

  isHostToken(session: Pick<SessionEntry, "hostTokenHash">, token: string): boolean {
    return hashToken(token) === session.hostTokenHash;
  }

  /** Unloads the rooms nobody used for a while; one run at a time. */
  #unloadIdle(): Promise<number> {
    this.#unloading ??= unloadIdle(this.#ctx).finally(() => (this.#unloading = null));
    return this.#unloading;
  }

  /**
   * Runs `work` on a room in memory, which keeps it there meanwhile. A room that was unloaded after
   * it was looked up is not worked on (its state is gone); looking it up again reads it in.
   */
  async #use<T>(room: Room, work: () => Promise<T>): Promise<T> {
    if (this.#registry.byId(room.id) !== room && this.#registry.entry(room.id)) {
      throw new Error(`sessie ${room.id} werd uit het geheugen gehaald voordat ze gebruikt werd`);
    }
    room.busy++;
    try {
      return await work();
    } finally {
      room.busy--;
      room.lastUsed = performance.now();
    }
  }

  newId(): string {
    return this.deps.newId();
  }

  // Creating and deleting (create.ts, retention.ts)

  create(input: unknown, clientKey: string): Promise<ServiceResult<CreatedSession>> {
    return createSession(this.#ctx, this.#createLimiter, input, clientKey);
  }

  /** Deletes a session: its document, ratings, results and upload. Everyone in it is told. */
  delete(session: Pick<Room, "id">, message?: string): Promise<void> {
    return deleteSession(this.#ctx, session.id, message);
  }

  /**
   * Deletes every session whose last activity is more than RETENTION_DAYS ago (retention.ts);
   * resolves with how many went. Runs at start and hourly; a run that finds one still going joins it.
   */
  purgeExpired(): Promise<number> {
    if (this.#purging) return this.#purging;
    // Cleared once it settled; not from inside the run, which without a single await would finish
    // before it was stored and leave a settled promise behind for every later call.
    const tracked: Promise<number> = purgeExpired(this.#ctx).finally(() => {
      if (this.#purging === tracked) this.#purging = null;
    });
    this.#purging = tracked;
    return tracked;
  }

  // Commands (commands.ts, storage.ts, reveal.ts)

  /**
   * Applies a command and waits until what it changed is durably stored. Resolves with the
   * events; the caller acks and then calls `broadcast`.
   */
  execute(room: Room, command: SessionCommand, actor: Actor, via?: LiveSocket): Promise<Result<{ events: SessionEvent[] }>> {
    return this.#use(room, () => execute(this.#ctx, room, command, actor, via));
  }

  /** While the last write of this session failed: what the host should be told (null when all is well). */
  storageStatus(room: Room): StorageStatus | null {
    return storageStatus(room);
  }

  /** Moves to reveal: results computed and stored first, then the document. */
  reveal(room: Room, actor: Actor): Promise<Result<{ events: SessionEvent[]; results: RevealResults }>> {
    return this.#use(room, () => reveal(this.#ctx, room, actor));
  }

  /** The host's reaction-time correction after the reveal. */
  setLag(room: Room, actor: Actor, seconds: number): Promise<Result<{ lagSeconds: number }>> {
    return this.#use(room, () => setLag(this.#ctx, room, actor, seconds));
  }

  // Results and the report (results.ts, record.ts)

  /** The results once revealed (null before); computed when a crash came between reveal and write. */
  ensureResults(room: Room): Promise<RevealResults | null> {
    return this.#use(room, () => ensureResults(this.#ctx, room));
  }

  /** What computeResults needs besides the samples (read from the log where it runs), from memory. */
  resultsContext(room: Room): ResultsContext {
    return resultsContext(this.#ctx, room);
  }

  /** The six tips ranked for these results (all six, fitting ones first). */
  tipsFor(results: RevealResults): RankedTip[] {
    return tipsFor(this.#ctx, results);
  }

  /** Everything stored about the session for its report and exports. */
  record(room: Room): Promise<SessionRecord> {
    return this.#use(room, () => sessionRecord(this.#ctx, room));
  }

  /** A download's bytes for a record made by `record`; a long log is read off this thread (record.ts). */
  download(record: SessionRecord, job: ExportJob): AsyncGenerator<Uint8Array> {
    return download(this.#ctx, record, job);
  }

  // Sockets in rooms (membership.ts, broadcast.ts, presence.ts)

  snapshot(room: Room, actor: Actor): SessionSnapshot {
    return snapshot(this.#ctx, room, actor);
  }

  connectedIds(room: Room): Set<string> {
    return connectedIds(room);
  }

  /** Puts a socket in a room as `actor`; a seat rates through one connection (docs/decisions/016). */
  attach(room: Room, socket: LiveSocket, actor: Actor): void {
    attach(this.#ctx, room, socket, actor);
  }

  /** Takes a socket out of its room; tells the others when that changes who is connected. */
  detach(socket: LiveSocket, announce = true): void {
    detach(this.#ctx, socket, announce);
  }

  /** A socket that connection state recovery brought back: let in again only if its seat still exists. */
  reattach(socket: LiveSocket): void {
    reattach(this.#ctx, socket);
  }

  /** After a participant was removed: their open sockets are told and closed. */
  expelParticipant(room: Room, participantId: string): void {
    expelParticipant(room, participantId);
  }

  /** Sends every socket in the room its own snapshot (when the events changed what people see). */
  broadcast(room: Room, events?: readonly SessionEvent[], only?: (actor: Actor) => boolean): void {
    broadcast(this.#ctx, room, events, only);
  }

  /** After a reflection or evaluation: only the host's counts and the writer's own view changed. */
  broadcastToHostAnd(room: Room, events: readonly SessionEvent[], participantId: string): void {
    broadcastToHostAnd(this.#ctx, room, events, participantId);
  }

  emitResults(room: Room): void {
    emitResults(this.#ctx, room);
  }

  /** Presence for the host, volatile: only who rates, never a value; only when it changed. */
  tickPresence(): void {
    tickPresence(this.#ctx);
  }

  async close(): Promise<void> {
    for (const t of this.#timers) clearInterval(t);
    await this.#ctx.resultsWorker.close();
    await this.deps.store.close();
  }
}
