// The live rooms held in memory: one per stored session. Each command goes the same way:
// apply the pure transition (app/core/session.ts) → persist what its events say (session document
// and/or rating log, both durable before we return) → the caller acks → broadcast.
//
// State is changed synchronously, before the write, so that a retry arriving while the first copy
// is still being written is recognised as a duplicate. A duplicate is acked only after the write
// that holds the original is on disk (store.barrier). If a write fails, memory is re-read from disk.
import { createHash } from "node:crypto";
import { rm } from "node:fs/promises";
import type { Server as IoServer, Socket } from "socket.io";
import { z } from "zod";
import { type Content, referenceMoments } from "../../app/content.server";
import type { ElementId } from "../../app/core/domain";
import { JOIN_CODE_SPACE, joinCodeFromBytes } from "../../app/core/join-code";
import {
  type ClientToServerEvents,
  fail,
  type LiveSample,
  ok,
  type ServerToClientEvents,
  type SessionSnapshot,
} from "../../app/core/protocol";
import { computeResults, type ResultsInput } from "../../app/core/results";
import {
  type Actor,
  activeRaters,
  allFinals,
  allMoments,
  applyCommand,
  buildSnapshot,
  changesDocument,
  changesSnapshot,
  createSessionInput,
  initialState,
  newSessionDoc,
  publicRecord,
  type Result,
  type SessionCommand,
  type SessionEvent,
  type SessionState,
  storeFinal,
  storeMoment,
  storeSamples,
  type TransitionContext,
} from "../../app/core/session";
import type { CreatedSession, ServiceResult, SessionSummary } from "../../app/core/session-service";
import { KeyedLimiter } from "./rate-limit";
import type { LoadedSession, RatingRecord, SessionStore, StoredResults } from "../store/sessions";

export interface SocketData {
  sessionId?: string;
  actor?: Actor;
}
export type LiveServer = IoServer<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface Room {
  readonly id: string;
  state: SessionState;
  results: StoredResults | null;
  /** Open sockets in this room, with who they are. */
  readonly sockets: Map<string, { socket: LiveSocket; actor: Actor }>;
  /** The presence last sent to the host, to send only changes. */
  lastPresence: string;
  /** Set while a failed write is being repaired by re-reading the session from disk. */
  recovering: Promise<void> | null;
  /** Set while the results of a reveal are being computed and written. */
  resultsPending: Promise<StoredResults> | null;
}

export interface RoomsDeps {
  io: LiveServer;
  store: SessionStore;
  content: Content;
  now: () => Date;
  newId: () => string;
  randomBytes: (size: number) => Buffer;
  /** Sessions older than this are deleted (0: never). */
  retentionDays: number;
  warn?: (message: string) => void;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export const sessionRoom = (id: string) => `session:${id}`;
export const hostRoom = (id: string) => `host:${id}`;

/** Sessions a single address may create: 10 at once, then one per minute. */
const CREATE_LIMIT = { capacity: 10, perSecond: 1 / 60 };

/** zod messages in Dutch, for the errors users see. */
export const dutchErrors = { error: z.locales.nl().localeError };

export function describeZodError(error: z.ZodError): string {
  const first = error.issues[0];
  const where = first.path.length ? `${first.path.join(".")}: ` : "";
  return `${where}${first.message}`;
}

function toRecord(event: SessionEvent): RatingRecord | null {
  switch (event.type) {
    case "samples-stored":
      return {
        type: "samples",
        participantId: event.participantId,
        at: event.at,
        samples: event.samples.map((s) => [s.seq, s.element, s.value, s.t] as [number, ElementId, number, number]),
      };
    case "moment-stored":
      return { type: "moment", at: event.at, moment: event.moment };
    case "final-stored":
      return { type: "final", rating: event.rating };
    default:
      return null;
  }
}

/** Rebuilds the in-memory state from the stored document and log (start, and after a failed write). */
export function replay(loaded: LoadedSession): SessionState {
  let state = initialState(loaded.doc);
  for (const r of loaded.records) {
    if (r.type === "samples") {
      const samples = r.samples.map(([seq, element, value, t]) => ({ seq, element, value, t }));
      state = storeSamples(state, r.participantId, samples, null).state;
    } else if (r.type === "moment") state = storeMoment(state, r.moment).state;
    else state = storeFinal(state, r.rating);
  }
  return state;
}

export class Rooms {
  readonly #byId = new Map<string, Room>();
  readonly #byCode = new Map<string, Room>();
  readonly #createLimiter: KeyedLimiter;
  readonly #behaviours: Map<string, string>;
  readonly #timers: NodeJS.Timeout[] = [];

  private constructor(private readonly deps: RoomsDeps) {
    this.#createLimiter = new KeyedLimiter(CREATE_LIMIT, () => deps.now().getTime());
    this.#behaviours = new Map([...deps.content.behaviourIndex].map(([id, b]) => [id, b.elementId]));
  }

  static async open(deps: RoomsDeps): Promise<Rooms> {
    const rooms = new Rooms(deps);
    for (const loaded of await deps.store.loadAll()) {
      if (loaded.truncatedBytes > 0) {
        deps.warn?.(`Sessie ${loaded.doc.id}: ${loaded.truncatedBytes} bytes van een onderbroken, nooit bevestigde schrijfactie afgekapt.`);
      }
      rooms.#register(loaded.doc.id, replay(loaded), loaded.results);
    }
    await rooms.purgeExpired();
    const presence = setInterval(() => rooms.tickPresence(), 1000);
    const purge = setInterval(() => void rooms.purgeExpired(), 60 * 60 * 1000);
    presence.unref();
    purge.unref();
    rooms.#timers.push(presence, purge);
    return rooms;
  }

  #register(id: string, state: SessionState, results: StoredResults | null): Room {
    const room: Room = { id, state, results, sockets: new Map(), lastPresence: "", recovering: null, resultsPending: null };
    this.#byId.set(id, room);
    this.#byCode.set(state.doc.code, room);
    return room;
  }

  #nowMs(): number {
    return this.deps.now().getTime();
  }

  #ctx(): TransitionContext {
    return { now: this.#nowMs(), behaviours: this.#behaviours };
  }

  byId(id: string): Room | undefined {
    return this.#byId.get(id);
  }

  byCode(code: string): Room | undefined {
    return this.#byCode.get(code.trim().toUpperCase());
  }

  get count(): number {
    return this.#byId.size;
  }

  summary(room: Room): SessionSummary {
    const { doc } = room.state;
    return { sessionId: doc.id, code: doc.code, title: doc.title, phase: doc.phase };
  }

  isHostToken(room: Room, token: string): boolean {
    return hashToken(token) === room.state.doc.hostTokenHash;
  }

  // ------------------------------------------------------------------------------------------
  // Creating and deleting
  // ------------------------------------------------------------------------------------------

  async create(input: unknown, clientKey: string): Promise<ServiceResult<CreatedSession>> {
    if (!this.#createLimiter.take(clientKey)) {
      return fail("rate_limited", "Je hebt in korte tijd veel sessies aangemaakt. Probeer het over een paar minuten opnieuw.");
    }
    const parsed = createSessionInput.safeParse(input, dutchErrors);
    if (!parsed.success) return fail("invalid_payload", describeZodError(parsed.error));
    const data = parsed.data;
    const slug = "slug" in data.source ? data.source.slug : undefined;
    const vignetteCase = slug ? this.deps.content.cases.find((c) => c.slug === slug) : undefined;
    if (slug && !vignetteCase) return fail("invalid_payload", "Dit gesprek staat niet in de bibliotheek.");
    if (data.source.kind === "roleplay" && vignetteCase && !vignetteCase.roleplay) {
      return fail("invalid_payload", "Bij dit gesprek hoort geen rollenspelscript. Kies een ander gesprek of een vrij rollenspel.");
    }
    const id = this.deps.newId();
    const hostToken = this.deps.newId();
    const code = this.#newCode();
    const doc = newSessionDoc({
      id,
      code,
      hostTokenHash: hashToken(hostToken),
      now: this.#nowMs(),
      input: data,
      vignette: vignetteCase
        ? {
            title: vignetteCase.title,
            situation: vignetteCase.situation,
            groupQuestion: vignetteCase.groupQuestion,
            duration: vignetteCase.duration,
          }
        : null,
    });
    try {
      await this.deps.store.create(doc);
    } catch (error) {
      this.deps.warn?.(`Sessie aanmaken mislukt: ${(error as Error).message}`);
      return fail("storage_failed", "De sessie kon niet worden opgeslagen. Probeer het opnieuw.");
    }
    this.#register(id, initialState(doc), null);
    return ok({
      sessionId: id,
      code,
      hostToken,
      joinUrl: `/doe-mee?code=${code}`,
      hostUrl: `/sessie/${code}/host#token=${hostToken}`,
    });
  }

  #newCode(): string {
    // With 10^8 codes a collision is rare; drawing again keeps codes unique among held sessions.
    for (let attempt = 0; attempt < 100; attempt++) {
      const code = joinCodeFromBytes(this.deps.randomBytes(16));
      if (code && !this.#byCode.has(code)) return code;
    }
    throw new Error(`geen vrije sessiecode gevonden (${this.#byCode.size} van ${JOIN_CODE_SPACE} in gebruik)`);
  }

  /** Deletes a session: its document, ratings, results and upload. Everyone in it is told. */
  async delete(room: Room, message = "De begeleider heeft deze sessie verwijderd."): Promise<void> {
    this.#byId.delete(room.id);
    this.#byCode.delete(room.state.doc.code);
    for (const { socket } of [...room.sockets.values()]) this.#expel(room, socket, message);
    await this.deps.store.delete(room.id);
  }

  async purgeExpired(): Promise<void> {
    if (this.deps.retentionDays <= 0) return;
    const cutoff = this.#nowMs() - this.deps.retentionDays * 24 * 3600 * 1000;
    for (const room of [...this.#byId.values()]) {
      if (room.state.doc.createdAt < cutoff) {
        await this.delete(room, "Deze sessie is verlopen en verwijderd.").catch((error) =>
          this.deps.warn?.(`Verlopen sessie ${room.id} niet verwijderd: ${(error as Error).message}`),
        );
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // Commands
  // ------------------------------------------------------------------------------------------

  /**
   * Applies a command and waits until what it changed is durably stored. Resolves with the
   * events; the caller acks and then calls `broadcast`.
   */
  async execute(room: Room, command: SessionCommand, actor: Actor): Promise<Result<{ events: SessionEvent[] }>> {
    if (room.recovering) await room.recovering;
    if (!this.#byId.has(room.id)) return fail("not_found");
    const transition = applyCommand(room.state, command, actor, this.#ctx());
    if (!transition.ok) return transition;
    const { state, events } = transition.value;
    room.state = state;
    if (!(await this.#persist(room, events))) return fail("storage_failed");
    for (const event of events) {
      if (event.type === "media-changed" && event.previous) {
        await rm(this.deps.store.mediaPath(room.id, event.previous.file), { force: true }).catch(() => undefined);
      }
    }
    return { ok: true, value: { events } };
  }

  async #persist(room: Room, events: SessionEvent[]): Promise<boolean> {
    const { store } = this.deps;
    const records = events.map(toRecord).filter((r): r is RatingRecord => r !== null);
    try {
      const writes: Promise<void>[] = [];
      if (events.some(changesDocument)) writes.push(store.saveDoc(room.id, room.state.doc));
      if (records.length) writes.push(store.append(room.id, records));
      // Nothing new (a duplicate, a resume): still wait until what this reply reports is on disk.
      if (writes.length === 0) writes.push(store.barrier(room.id));
      await Promise.all(writes);
      return true;
    } catch (error) {
      this.deps.warn?.(`Opslaan voor sessie ${room.id} mislukt: ${(error as Error).message}`);
      await this.#recover(room);
      return false;
    }
  }

  #recover(room: Room): Promise<void> {
    if (!this.#byId.has(room.id)) return Promise.resolve(); // deleted meanwhile: nothing to repair
    room.recovering ??= (async () => {
      try {
        const loaded = await this.deps.store.reload(room.id);
        room.state = replay(loaded);
        room.results = loaded.results;
      } catch (error) {
        this.deps.warn?.(`Sessie ${room.id} kon niet opnieuw worden gelezen: ${(error as Error).message}`);
      } finally {
        room.recovering = null;
      }
      this.broadcast(room);
    })();
    return room.recovering;
  }

  /**
   * Moves to reveal: the phase changes first in memory (so no rating slips in after the results
   * are computed), then the results are computed from the stored log and written, then the document.
   */
  async reveal(room: Room, actor: Actor): Promise<Result<{ events: SessionEvent[]; results: unknown }>> {
    if (room.recovering) await room.recovering;
    const transition = applyCommand(room.state, { type: "phase", phase: "reveal" }, actor, this.#ctx());
    if (!transition.ok) return transition;
    const before = room.state.doc;
    room.state = transition.value.state;
    room.resultsPending = this.#computeAndSave(room);
    try {
      await room.resultsPending;
    } catch (error) {
      this.deps.warn?.(`Resultaten voor sessie ${room.id} niet berekend of opgeslagen: ${(error as Error).stack ?? error}`);
      const doc = room.state.doc;
      if (doc.phase === "reveal") {
        room.state = { ...room.state, doc: { ...doc, phase: before.phase, phaseLog: before.phaseLog, clock: before.clock, revealedAt: before.revealedAt } };
      }
      return fail("internal", "De resultaten konden niet worden berekend of opgeslagen. De sessie blijft in de fase eindoordeel.");
    } finally {
      room.resultsPending = null;
    }
    if (!(await this.#persist(room, transition.value.events))) return fail("storage_failed");
    return { ok: true, value: { events: transition.value.events, results: room.results!.results } };
  }

  async #computeAndSave(room: Room): Promise<StoredResults> {
    const results = computeResults(await this.resultsInput(room));
    const stored: StoredResults = { computedAt: this.#nowMs(), results };
    await this.deps.store.saveResults(room.id, stored);
    room.results = stored;
    return stored;
  }

  /**
   * The results once revealed (null before). Computed here when a crash came between the reveal
   * and the write of its results.
   */
  async ensureResults(room: Room): Promise<unknown | null> {
    if (room.resultsPending) await room.resultsPending.catch(() => undefined);
    if (room.state.doc.revealedAt === null) return null;
    if (!room.results) {
      room.resultsPending = this.#computeAndSave(room);
      try {
        await room.resultsPending;
      } finally {
        room.resultsPending = null;
      }
    }
    return room.results!.results;
  }

  newId(): string {
    return this.deps.newId();
  }

  /** What computeResults needs, from the stored log (samples) and memory (the rest). */
  async resultsInput(room: Room): Promise<ResultsInput> {
    const { doc } = room.state;
    const records = await this.deps.store.readRecords(room.id);
    // The same rule as on intake (storeSamples): per participant, only seqs above the highest so far.
    const highest = new Map<string, number>();
    const samples: LiveSample[] = [];
    for (const r of records) {
      if (r.type !== "samples") continue;
      let last = highest.get(r.participantId) ?? 0;
      for (const [seq, element, value, t] of r.samples) {
        if (seq <= last) continue;
        last = seq;
        samples.push({ participantId: r.participantId, seq, element, value, t });
      }
      highest.set(r.participantId, last);
    }
    const vignette = doc.source.kind === "vignette" && doc.source.slug ? this.deps.content.cases.find((c) => c.slug === doc.source.slug) : undefined;
    return {
      participants: doc.participants.map(publicRecord),
      samples,
      moments: allMoments(room.state),
      finals: allFinals(room.state),
      duration: doc.duration,
      settings: { ...doc.settings },
      reference: vignette
        ? {
            scores: { ...vignette.reference.scores },
            moments: referenceMoments(vignette).map((m) => ({ turnIndex: m.turnIndex, t: m.t, id: m.id, effect: m.effect })),
          }
        : undefined,
      behaviours: [...this.deps.content.behaviourIndex].map(([id, b]) => ({ id, elementId: b.elementId as ElementId })),
      turns: vignette ? vignette.turns.map((turn) => ({ t: turn.t })) : undefined,
      elementNames: Object.fromEntries(this.deps.content.elements.elements.map((e) => [e.id, e.name])),
    };
  }

  // ------------------------------------------------------------------------------------------
  // Sockets in rooms
  // ------------------------------------------------------------------------------------------

  snapshot(room: Room, actor: Actor): SessionSnapshot {
    return buildSnapshot(room.state, actor, { now: this.#nowMs(), connected: this.connectedIds(room) });
  }

  connectedIds(room: Room): Set<string> {
    const ids = new Set<string>();
    for (const { actor } of room.sockets.values()) if (actor.kind === "participant") ids.add(actor.participantId);
    return ids;
  }

  /** Puts a socket in a room as `actor` (leaving any room it was in). */
  attach(room: Room, socket: LiveSocket, actor: Actor): void {
    this.detach(socket, false);
    socket.data.sessionId = room.id;
    socket.data.actor = actor;
    room.sockets.set(socket.id, { socket, actor });
    void socket.join(sessionRoom(room.id));
    if (actor.kind === "host") void socket.join(hostRoom(room.id));
  }

  /** Takes a socket out of its room; tells the others when that changes who is connected. */
  detach(socket: LiveSocket, announce = true): void {
    const id = socket.data.sessionId;
    if (!id) return;
    const room = this.#byId.get(id);
    // A fresh object: Socket.IO keeps the old one for connection state recovery (see reattach).
    socket.data = {};
    void socket.leave(sessionRoom(id));
    void socket.leave(hostRoom(id));
    if (!room) return;
    const entry = room.sockets.get(socket.id);
    room.sockets.delete(socket.id);
    if (announce && entry?.actor.kind === "participant") {
      const pid = entry.actor.participantId;
      if (![...room.sockets.values()].some((s) => s.actor.kind === "participant" && s.actor.participantId === pid)) this.broadcast(room);
    }
  }

  /**
   * A socket that Socket.IO's connection state recovery brought back keeps its data and rooms.
   * We do not trust that alone: the seat must still exist and not be removed.
   */
  reattach(socket: LiveSocket): void {
    const { sessionId, actor } = socket.data;
    socket.data.sessionId = undefined;
    socket.data.actor = undefined;
    const room = sessionId ? this.#byId.get(sessionId) : undefined;
    if (!room || !actor) {
      if (sessionId) {
        void socket.leave(sessionRoom(sessionId));
        void socket.leave(hostRoom(sessionId));
      }
      return;
    }
    if (actor.kind === "participant") {
      const p = room.state.doc.participants.find((x) => x.id === actor.participantId);
      if (!p || p.removed) {
        void socket.leave(sessionRoom(room.id));
        socket.emit("session:removed", { message: "De begeleider heeft je uit deze sessie gehaald." });
        socket.disconnect(true);
        return;
      }
    }
    this.attach(room, socket, actor);
    this.broadcast(room);
  }

  #expel(room: Room, socket: LiveSocket, message: string): void {
    room.sockets.delete(socket.id);
    socket.data.sessionId = undefined;
    socket.data.actor = undefined;
    void socket.leave(sessionRoom(room.id));
    void socket.leave(hostRoom(room.id));
    socket.emit("session:removed", { message });
    // Closing the connection from the server side stops the client's automatic reconnection.
    socket.disconnect(true);
  }

  /** After a participant was removed: their open sockets are told and closed. */
  expelParticipant(room: Room, participantId: string): void {
    for (const { socket, actor } of [...room.sockets.values()]) {
      if (actor.kind === "participant" && actor.participantId === participantId) {
        this.#expel(room, socket, "De begeleider heeft je uit deze sessie gehaald.");
      }
    }
  }

  /** Sends every socket in the room its own snapshot (when the events changed what people see). */
  broadcast(room: Room, events?: readonly SessionEvent[]): void {
    if (events && !events.some(changesSnapshot)) return;
    const ctx = { now: this.#nowMs(), connected: this.connectedIds(room) };
    for (const { socket, actor } of room.sockets.values()) socket.emit("session:state", buildSnapshot(room.state, actor, ctx));
  }

  emitResults(room: Room): void {
    if (room.results) this.deps.io.to(sessionRoom(room.id)).emit("session:results", room.results.results);
  }

  /** Presence for the host, volatile: only who rates, never a value; only when it changed. */
  tickPresence(): void {
    const now = this.#nowMs();
    for (const room of this.#byId.values()) {
      const phase = room.state.doc.phase;
      if (phase !== "live" && phase !== "final") continue;
      if (![...room.sockets.values()].some((s) => s.actor.kind === "host")) continue;
      const active = activeRaters(room.state, now);
      const key = active.join(",");
      if (key === room.lastPresence) continue;
      room.lastPresence = key;
      this.deps.io.to(hostRoom(room.id)).volatile.emit("presence:active", { active });
    }
  }

  async close(): Promise<void> {
    for (const t of this.#timers) clearInterval(t);
    await this.deps.store.close();
  }
}
