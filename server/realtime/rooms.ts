// The live rooms held in memory: one per stored session. Each command goes the same way:
// apply the pure transition (app/core/session.ts) → persist what its events say (session document
// and/or rating log, both durable before we return) → the caller acks → broadcast.
//
// State is changed synchronously, before the write, so that a retry arriving while the first copy
// is still being written is recognised as a duplicate. A duplicate is acked only after the write
// that holds the original is on disk (store.barrier). If a write fails, memory is re-read from disk.
import { createHash } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import type { Server as IoServer, Socket } from "socket.io";
import { z } from "zod";
import { type Content, referenceMoments } from "../../app/content.server";
import { retentionDaysFor } from "../../app/core/agenda";
import type { ElementId } from "../../app/core/domain";
import type { EvaluationForm } from "../../app/core/evaluation";
import { JOIN_CODE_SPACE, joinCodeFromBytes } from "../../app/core/join-code";
import {
  type ClientToServerEvents,
  fail,
  ok,
  type ServerToClientEvents,
  type SessionSnapshot,
  type StorageStatus,
} from "../../app/core/protocol";
import type { ExportJob, SessionRecord } from "../../app/core/report";
import type { RevealResults } from "../../app/core/results";
import { type RankedTip, type TipRule, tipsForSession } from "../../app/core/tip-rules";
import {
  type Actor,
  activeRaters,
  allEvaluations,
  allFinals,
  allMoments,
  allReflections,
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
  storeEvaluation,
  storeFinal,
  storeMoment,
  storeReflection,
  storeSamples,
  type TransitionContext,
} from "../../app/core/session";
import type { CreatedSession, ServiceResult, SessionSummary } from "../../app/core/session-service";
import { KeyedLimiter } from "./rate-limit";
import { yieldToLoop } from "../store/event-log";
import { SampleIndexes } from "../store/stored-samples";
import { offThread, type ResultsContext, ResultsWorker } from "./results-compute";
import { exportPieces, logSampleSource, type SettledLog } from "./results-work";
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
  /**
   * Set for the whole reveal (results computed and stored, then the document): every other command
   * of the room waits for it, so none can write the document with phase "reveal" before the
   * results exist, nor slip in after they were computed.
   */
  revealing: Promise<void> | null;
  /** The last write failed (a full or broken disk); the host has been told, and is told when it works again. */
  storageFailing: boolean;
  /**
   * A write failed and re-reading the session from disk failed too: memory may hold what the disk
   * does not, so nothing is answered from it (every command gets storage_failed) until a reload works.
   */
  stale: boolean;
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
  /** The rules that rank the tips for a session's results (content/tip-rules.yaml). */
  tipRules?: readonly TipRule[];
  /** The questions of the session evaluation (content/evaluation.yaml). */
  evaluation?: EvaluationForm;
  warn?: (message: string) => void;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export const sessionRoom = (id: string) => `session:${id}`;
export const hostRoom = (id: string) => `host:${id}`;

/** The host's own step could not be stored (the raters' message, ERROR_MESSAGES.storage_failed, speaks of their outbox). */
const HOST_STORAGE_FAILED = "Opslaan is niet gelukt: de server kan nu niet naar zijn schijf schrijven. Er is niets veranderd; probeer het zo opnieuw.";
/** storage:status for the host. */
const STORAGE_FAILED =
  "De server kan nu niets opslaan: de schijf is vol of onbereikbaar. Wat al was opgeslagen blijft bewaard; nieuwe beoordelingen blijven op de apparaten van de deelnemers en worden opnieuw verstuurd zodra het weer lukt. Waarschuw de beheerder van de server.";
const STORAGE_RESTORED = "Opslaan lukt weer. Wat deelnemers intussen bewaarden, komt nu binnen.";

/** session:taken-over: this seat now rates in another tab or on another device. */
const TAKEN_OVER = "Je beoordeelt nu in een ander venster of op een ander apparaat. Hier is het beoordelen gestopt; wat al was opgeslagen, blijft bewaard.";

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
    case "reflection-stored":
      return { type: "reflection", reflection: event.reflection };
    case "evaluation-stored":
      return { type: "evaluation", evaluation: event.evaluation };
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
    else if (r.type === "final") state = storeFinal(state, r.rating);
    else if (r.type === "reflection") state = storeReflection(state, r.reflection);
    else state = storeEvaluation(state, r.evaluation);
  }
  return state;
}

export { storedSamples } from "../store/stored-samples";

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

export class Rooms {
  readonly #byId = new Map<string, Room>();
  readonly #byCode = new Map<string, Room>();
  readonly #createLimiter: KeyedLimiter;
  readonly #behaviours: Map<string, string>;
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #elementNames: Record<string, string>;
  #purging: Promise<number> | null = null;
  readonly #sampleIndexes = new SampleIndexes();
  readonly #resultsWorker = new ResultsWorker();
  /** The log each record made by `record` reads its samples from (a download sends the log's work to the worker). */
  readonly #logOfRecord = new WeakMap<SessionRecord, SettledLog>();

  private constructor(private readonly deps: RoomsDeps) {
    this.#createLimiter = new KeyedLimiter(CREATE_LIMIT, () => deps.now().getTime());
    this.#behaviours = new Map([...deps.content.behaviourIndex].map(([id, b]) => [id, b.elementId]));
    this.#elementNames = Object.fromEntries(deps.content.elements.elements.map((e) => [e.id, e.name]));
  }

  static async open(deps: RoomsDeps): Promise<Rooms> {
    const rooms = new Rooms(deps);
    for (const loaded of await deps.store.loadAll()) {
      if (loaded.truncatedBytes > 0) {
        const log = path.join(deps.store.dirOf(loaded.doc.id), "ratings.ndjson");
        deps.warn?.(`Sessie ${loaded.doc.id}: ${loaded.truncatedBytes} bytes van een onderbroken, nooit bevestigde schrijfactie afgekapt aan het eind van ${log}.`);
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
    const room: Room = { id, state, results, sockets: new Map(), lastPresence: "", recovering: null, resultsPending: null, revealing: null, storageFailing: false, stale: false };
    this.#byId.set(id, room);
    this.#byCode.set(state.doc.code, room);
    return room;
  }

  #nowMs(): number {
    return this.deps.now().getTime();
  }

  #ctx(): TransitionContext {
    return { now: this.#nowMs(), behaviours: this.#behaviours, evaluationQuestions: this.deps.evaluation?.questions ?? [] };
  }

  #snapshotCtx(room: Room) {
    return { now: this.#nowMs(), connected: this.connectedIds(room), elementNames: this.#elementNames };
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
    const method = data.method ? this.deps.content.methods.find((m) => m.id === data.method) : undefined;
    if (data.method && !method) return fail("invalid_payload", "Deze werkvorm bestaat niet. Kies een werkvorm uit de lijst.");
    if (method?.ownCase && (data.source.kind !== "roleplay" || slug)) {
      return fail("invalid_payload", "Een eigen casus speel je na als rollenspel zonder script uit de bibliotheek: de inbrenger geeft de spelers hun instructie.");
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
      method: method
        ? { id: method.id, title: method.title, ownCase: Boolean(method.ownCase), rounds: method.rounds.map(({ id, title, minutes, phase }) => ({ id, title, minutes, phase })) }
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
    try {
      await this.deps.store.delete(room.id);
    } catch (error) {
      // Still on disk: keep it findable, so the host can delete it again (or use it).
      this.#byId.set(room.id, room);
      this.#byCode.set(room.state.doc.code, room);
      throw error;
    }
  }

  /**
   * Deletes every session whose last activity is more than RETENTION_DAYS ago, with its ratings,
   * reflections, results and upload; resolves with how many went. Runs at start and hourly; a run
   * that finds one still going joins it.
   */
  purgeExpired(): Promise<number> {
    if (this.#purging) return this.#purging;
    const run = (async () => {
      let purged = 0;
      for (const room of [...this.#byId.values()]) {
        // An eigen casus holds a real client's situation: kept at most OWN_CASE_RETENTION_DAYS (decision 021).
        const days = retentionDaysFor(room.state.doc.method, this.deps.retentionDays);
        if (!(days > 0) || lastActivity(room.state.doc) >= this.#nowMs() - days * 24 * 3600 * 1000) continue;
        try {
          await this.delete(room, "Deze sessie is verlopen en verwijderd.");
          purged++;
        } catch (error) {
          this.deps.warn?.(`Verlopen sessie ${room.id} niet verwijderd: ${(error as Error).message}`);
        }
      }
      return purged;
    })();
    // Cleared once it settled; not from inside the run, which without a single await would finish
    // before it was stored and leave a settled promise behind for every later call.
    const tracked: Promise<number> = run.finally(() => {
      if (this.#purging === tracked) this.#purging = null;
    });
    this.#purging = tracked;
    return tracked;
  }

  // ------------------------------------------------------------------------------------------
  // Commands
  // ------------------------------------------------------------------------------------------

  /**
   * Applies a command and waits until what it changed is durably stored. Resolves with the
   * events; the caller acks and then calls `broadcast`.
   */
  async execute(room: Room, command: SessionCommand, actor: Actor, via?: LiveSocket): Promise<Result<{ events: SessionEvent[] }>> {
    while (room.revealing) await room.revealing;
    if (room.recovering) await room.recovering;
    if (room.stale && !(await this.#reloadStale(room))) return fail("storage_failed", actor.kind === "host" ? HOST_STORAGE_FAILED : undefined);
    if (!this.#byId.has(room.id)) return fail("not_found");
    // A socket whose seat another connection took over while this command waited: its seqs may
    // now be the other connection's (docs/decisions/016), so nothing of it is stored.
    if (via && !room.sockets.has(via.id)) return fail("unauthorized", "Je beoordeelt nu in een ander venster of op een ander apparaat.");
    const transition = applyCommand(room.state, command, actor, this.#ctx());
    if (!transition.ok) return transition;
    const { state, events } = transition.value;
    room.state = state;
    if (!(await this.#persist(room, events))) return fail("storage_failed", actor.kind === "host" ? HOST_STORAGE_FAILED : undefined);
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
      // Only a real write proves that storing works again (a barrier with nothing to write does not).
      if (room.storageFailing && (records.length > 0 || events.some(changesDocument))) this.#tellStorage(room, true);
      return true;
    } catch (error) {
      this.deps.warn?.(`Opslaan voor sessie ${room.id} mislukt: ${(error as Error).message}`);
      this.#tellStorage(room, false);
      await this.#recover(room);
      return false;
    }
  }

  /** Tells the host's sockets when storing starts failing, and when it works again. */
  #tellStorage(room: Room, ok: boolean): void {
    if (room.storageFailing === !ok) return;
    room.storageFailing = !ok;
    this.deps.io.to(hostRoom(room.id)).emit("storage:status", this.storageStatus(room) ?? { ok: true, message: STORAGE_RESTORED });
  }

  /** While the last write of this session failed: what the host should be told (null when all is well). */
  storageStatus(room: Room): StorageStatus | null {
    return room.storageFailing ? { ok: false, message: STORAGE_FAILED } : null;
  }

  #recover(room: Room): Promise<void> {
    if (!this.#byId.has(room.id)) return Promise.resolve(); // deleted meanwhile: nothing to repair
    room.recovering ??= (async () => {
      try {
        const loaded = await this.deps.store.reload(room.id);
        room.state = replay(loaded);
        room.results = loaded.results;
        room.stale = false;
      } catch (error) {
        room.stale = true;
        this.deps.warn?.(`Sessie ${room.id} kon niet opnieuw worden gelezen: ${(error as Error).message}`);
      } finally {
        room.recovering = null;
      }
      // Never show what memory claims while it is not what the disk holds.
      if (!room.stale) this.broadcast(room);
    })();
    return room.recovering;
  }

  /** Tries again to re-read a stale session; true when memory is what the disk holds again. */
  async #reloadStale(room: Room): Promise<boolean> {
    await this.#recover(room);
    return !room.stale;
  }

  /**
   * Moves to reveal: the phase changes first in memory (so no rating slips in after the results
   * are computed), then the results are computed from the stored log and written, then the document.
   */
  async reveal(room: Room, actor: Actor): Promise<Result<{ events: SessionEvent[]; results: unknown }>> {
    while (room.revealing) await room.revealing;
    if (room.recovering) await room.recovering;
    if (room.stale && !(await this.#reloadStale(room))) return fail("storage_failed", HOST_STORAGE_FAILED);
    const transition = applyCommand(room.state, { type: "phase", phase: "reveal" }, actor, this.#ctx());
    if (!transition.ok) return transition;
    let done!: () => void;
    room.revealing = new Promise<void>((resolve) => (done = resolve));
    try {
      return await this.#reveal(room, transition.value);
    } finally {
      room.revealing = null;
      done();
    }
  }

  async #reveal(room: Room, transition: { state: SessionState; events: SessionEvent[] }): Promise<Result<{ events: SessionEvent[]; results: unknown }>> {
    const before = room.state.doc;
    room.state = transition.state;
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
    if (!(await this.#persist(room, transition.events))) return fail("storage_failed", HOST_STORAGE_FAILED);
    return { ok: true, value: { events: transition.events, results: room.results!.results } };
  }

  /**
   * The host's reaction-time correction after the reveal: the results are computed again from the
   * stored log with every rater's live ratings `seconds` earlier, written, and sent to everyone with
   * the tips that fit them. The lag in force is the one in the stored results.
   */
  async setLag(room: Room, actor: Actor, seconds: number): Promise<Result<{ lagSeconds: number }>> {
    if (room.recovering) await room.recovering;
    if (room.stale && !(await this.#reloadStale(room))) return fail("storage_failed", HOST_STORAGE_FAILED);
    if (actor.kind !== "host") return fail("forbidden", "Alleen de begeleider kan de reactietijd corrigeren.");
    if (room.state.doc.phase === "closed") return fail("session_closed");
    if (room.state.doc.revealedAt === null) return fail("wrong_phase", "De reactietijd corrigeer je na de onthulling.");
    await this.ensureResults(room);
    // One computation at a time: a second change waits for the first and then starts from its result.
    while (room.resultsPending) await room.resultsPending.catch(() => undefined);
    if ((room.results!.results as RevealResults).timeline.lagSeconds === seconds) return { ok: true, value: { lagSeconds: seconds } };
    room.resultsPending = this.#computeAndSave(room, seconds);
    try {
      await room.resultsPending;
    } catch (error) {
      this.deps.warn?.(`Resultaten voor sessie ${room.id} niet opnieuw berekend of opgeslagen: ${(error as Error).stack ?? error}`);
      return fail("storage_failed", HOST_STORAGE_FAILED);
    } finally {
      room.resultsPending = null;
    }
    this.emitResults(room);
    return { ok: true, value: { lagSeconds: seconds } };
  }

  async #computeAndSave(room: Room, lagSeconds = 0): Promise<StoredResults> {
    const { file } = await this.deps.store.settledLog(room.id);
    const context = this.resultsContext(room);
    const results = await this.#resultsWorker.compute(file, { ...context, options: { ...context.options, lagSeconds } });
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

  /** What computeResults needs besides the samples (those the worker reads from the log), from memory. */
  resultsContext(room: Room): ResultsContext {
    const { doc } = room.state;
    const vignette = doc.source.kind === "vignette" && doc.source.slug ? this.deps.content.cases.find((c) => c.slug === doc.source.slug) : undefined;
    return {
      participants: doc.participants.map(publicRecord),
      moments: allMoments(room.state),
      finals: allFinals(room.state),
      duration: doc.duration,
      settings: { ...doc.settings },
      reference: vignette
        ? {
            scores: { ...vignette.reference.scores },
            clientView: { ...vignette.clientView.scores },
            moments: referenceMoments(vignette).map((m) => ({ turnIndex: m.turnIndex, t: m.t, id: m.id, effect: m.effect })),
          }
        : undefined,
      behaviours: [...this.deps.content.behaviourIndex].map(([id, b]) => ({ id, elementId: b.elementId as ElementId })),
      turns: vignette ? vignette.turns.map((turn) => ({ t: turn.t })) : undefined,
      applicableBehaviours: doc.source.slug ? this.deps.content.cases.find((c) => c.slug === doc.source.slug)?.applicableBehaviours : undefined,
      elementNames: Object.fromEntries(this.deps.content.elements.elements.map((e) => [e.id, e.name])),
    };
  }

  // ------------------------------------------------------------------------------------------
  // Sockets in rooms
  // ------------------------------------------------------------------------------------------

  snapshot(room: Room, actor: Actor): SessionSnapshot {
    return buildSnapshot(room.state, actor, this.#snapshotCtx(room));
  }

  /** The six tips ranked for these results (all six, fitting ones first). */
  tipsFor(results: unknown): RankedTip[] {
    const labels = Object.fromEntries([...this.deps.content.behaviourIndex].map(([id, b]) => [id, b.label]));
    return tipsForSession(this.deps.tipRules ?? [], results as RevealResults, { behaviourLabels: labels });
  }

  /**
   * Everything stored about the session for its report and exports: no tokens, no hashes, no media
   * key. Samples are streamed from the log only when an export asks for them (each stored one
   * exactly once); where each rater's lines are is read first, once per log for parallel requests.
   */
  async record(room: Room): Promise<SessionRecord> {
    const results = await this.ensureResults(room);
    const { doc } = room.state;
    const log = await this.deps.store.settledLog(room.id);
    const record: SessionRecord = {
      session: {
        id: doc.id,
        code: doc.code,
        title: doc.title,
        createdAt: doc.createdAt,
        phase: doc.phase,
        phaseLog: doc.phaseLog.map((e) => ({ ...e })),
        source: { kind: doc.source.kind, slug: doc.source.slug, title: doc.source.title },
        briefing: { ...doc.briefing },
        duration: doc.duration,
        settings: { ...doc.settings },
        revealedAt: doc.revealedAt,
        discussedTips: [...(doc.discussedTips ?? [])],
        ...(doc.method && doc.agenda ? { method: doc.method, agenda: doc.agenda } : {}),
        sharedSpiegels: (doc.sharedSpiegels ?? []).filter((x) => x.status === "accepted").length,
      },
      participants: doc.participants.map(publicRecord),
      samples: logSampleSource(log, this.#sampleIndexes),
      moments: allMoments(room.state),
      finals: allFinals(room.state),
      reflections: allReflections(room.state),
      evaluations: allEvaluations(room.state),
      results: results === null || !room.results ? null : { computedAt: room.results.computedAt, results: results as RevealResults },
    };
    this.#logOfRecord.set(record, log);
    return record;
  }

  /**
   * A download of a record made by `record`: for a long log (from 2 MB) read and formatted in the
   * worker thread, so this thread never parses it; for a short one here, a ~64 KB piece per turn
   * of the event loop.
   */
  async *download(record: SessionRecord, job: ExportJob): AsyncGenerator<Uint8Array> {
    const log = this.#logOfRecord.get(record);
    if (log && (await offThread(log.file))) {
      yield* this.#resultsWorker.download(log, record, job);
      return;
    }
    for await (const piece of exportPieces(record, job)) {
      yield piece;
      await yieldToLoop();
    }
  }

  connectedIds(room: Room): Set<string> {
    const ids = new Set<string>();
    for (const { actor } of room.sockets.values()) if (actor.kind === "participant") ids.add(actor.participantId);
    return ids;
  }

  /**
   * Puts a socket in a room as `actor` (leaving any room it was in). A seat rates through one
   * connection: a participant's other sockets are told and closed (docs/decisions/016).
   */
  attach(room: Room, socket: LiveSocket, actor: Actor): void {
    this.detach(socket, false);
    if (actor.kind === "participant") {
      for (const other of [...room.sockets.values()]) {
        if (other.actor.kind === "participant" && other.actor.participantId === actor.participantId && other.socket.id !== socket.id) {
          this.#expel(room, other.socket, TAKEN_OVER, "session:taken-over");
        }
      }
    }
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

  #expel(room: Room, socket: LiveSocket, message: string, event: "session:removed" | "session:taken-over" = "session:removed"): void {
    room.sockets.delete(socket.id);
    socket.data.sessionId = undefined;
    socket.data.actor = undefined;
    void socket.leave(sessionRoom(room.id));
    void socket.leave(hostRoom(room.id));
    socket.emit(event, { message });
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
  broadcast(room: Room, events?: readonly SessionEvent[], only?: (actor: Actor) => boolean): void {
    if (events && !events.some(changesSnapshot)) return;
    if (room.stale) return; // memory may claim what the disk does not hold (see Room.stale)
    const ctx = this.#snapshotCtx(room);
    for (const { socket, actor } of room.sockets.values()) {
      if (!only || only(actor)) socket.emit("session:state", buildSnapshot(room.state, actor, ctx));
    }
  }

  /** After a reflection or evaluation: only the host's counts and the writer's own view changed. */
  broadcastToHostAnd(room: Room, events: readonly SessionEvent[], participantId: string): void {
    this.broadcast(room, events, (actor) => actor.kind === "host" || (actor.kind === "participant" && actor.participantId === participantId));
  }

  emitResults(room: Room): void {
    if (!room.results) return;
    this.deps.io.to(sessionRoom(room.id)).emit("session:results", room.results.results);
    this.deps.io.to(sessionRoom(room.id)).emit("session:tips", this.tipsFor(room.results.results));
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
    await this.#resultsWorker.close();
    await this.deps.store.close();
  }
}
