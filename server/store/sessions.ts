// Storage of live sessions, one folder per session (docs/decisions/002-live-storage.md):
//
//   data/sessions/<id>/session.json    the session document (lowdb via openJsonDoc, zod-validated):
//                                      participants, phase, clock, settings. Small; rewritten whole.
//   data/sessions/<id>/ratings.ndjson  append-only log of live samples, moments, final ratings,
//                                      reflections and evaluations,
//                                      group-committed and fdatasync'ed before any ack.
//   data/sessions/<id>/results.json    the results computed at reveal.
//   data/sessions/<id>/media-<random>  an uploaded recording.
//
// A write touches one session's files only, and never rewrites the growing log: its cost depends
// neither on the number of sessions nor on the length of a session.
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { ELEMENT_IDS, TIP_IDS } from "../../app/core/domain";
import { REVEAL_STEPS } from "../../app/core/presentation";
import { NAME_DISPLAY, PARTICIPANT_ROLES, PHASES } from "../../app/core/protocol";
import { revealResultsSchema } from "../../app/core/results-schema";
import type { SessionDoc } from "../../app/core/session";
import { storedSpiegelShareSchema } from "../../app/core/spiegel-share";
import { EventLog } from "./event-log";
import { Journal, type JournalRecovery } from "./journal";
import { GroupCommitter, syncPath } from "./group-commit";
import { type JsonDoc, openJsonDoc, StoreError, writeDurably } from "./json-doc";

export const SESSION_ID = /^[A-Za-z0-9_-]{16,64}$/;
const MEDIA_FILE = /^media-[A-Za-z0-9_-]{16,64}$/;

const elementId = z.enum(ELEMENT_IDS);
const score = z.number().min(0).max(10);
const scores = z.strictObject({ vertrouwen: score, "richting-kader": score, binding: score, stroefheid: score });
const behaviourId = z.string().regex(/^[a-z0-9-]{1,64}$/);

export const sessionDocSchema = z.strictObject({
  version: z.literal(1),
  id: z.string().regex(SESSION_ID),
  code: z.string().regex(/^[A-Z0-9]{4,12}$/),
  hostTokenHash: z.string().regex(/^[a-f0-9]{64}$/),
  title: z.string(),
  createdAt: z.number(),
  phase: z.enum(PHASES),
  phaseLog: z.array(z.strictObject({ phase: z.enum(PHASES), at: z.number() })),
  source: z.strictObject({
    kind: z.enum(["vignette", "media", "roleplay"]),
    slug: z.string().nullable(),
    title: z.string().nullable(),
    media: z
      .strictObject({
        file: z.string().regex(MEDIA_FILE),
        type: z.string().regex(/^(audio|video)\//),
        size: z.number().int().min(0),
        key: z.string().min(16),
        uploadedAt: z.number(),
      })
      .nullable(),
  }),
  briefing: z.strictObject({ setting: z.string(), question: z.string() }),
  duration: z.number().min(0).nullable(),
  clock: z.strictObject({ playing: z.boolean(), t: z.number().min(0), at: z.number() }),
  settings: z.strictObject({
    separateRoles: z.boolean(),
    nameDisplay: z.enum(NAME_DISPLAY),
    allowSingleRaterGroup: z.boolean(),
  }),
  participants: z.array(
    z.strictObject({
      id: z.string().min(1).max(64),
      name: z.string(),
      role: z.enum(PARTICIPANT_ROLES),
      pseudonym: z.string(),
      focus: elementId.nullable(),
      joinedAt: z.number(),
      removed: z.boolean(),
      resumeTokenHash: z.string().regex(/^[a-f0-9]{64}$/),
    }),
  ),
  revealedAt: z.number().nullable(),
  // Issue 5; absent in documents written before.
  discussedTips: z.array(z.enum(TIP_IDS)).optional(),
  projectReflections: z.boolean().optional(),
  // Issue 9: the reveal step on the projector.
  presentation: z
    .strictObject({
      step: z.enum(REVEAL_STEPS),
      focus: z.strictObject({ kind: z.enum(["hotspot", "tip"]), id: z.string().regex(/^[a-z0-9-]{1,64}$/) }).nullable(),
    })
    .nullable()
    .optional(),
  // Issue 10: the OT method and its agenda (docs/decisions/021).
  method: z
    .strictObject({
      id: z.string().regex(/^[a-z0-9-]{1,60}$/),
      title: z.string(),
      ownCase: z.boolean(),
      rounds: z.array(z.strictObject({ id: z.string().regex(/^[a-z0-9-]{1,60}$/), title: z.string(), minutes: z.number().int().min(1), phase: z.enum(PHASES) })).min(1),
    })
    .nullable()
    .optional(),
  agenda: z
    .strictObject({
      index: z.number().int().min(0),
      startedAt: z.number().nullable(),
      log: z.array(z.strictObject({ index: z.number().int().min(0), at: z.number() })),
    })
    .nullable()
    .optional(),
  // Issue 11: mirrors shared in the session (summaries only).
  sharedSpiegels: z.array(storedSpiegelShareSchema).optional(),
}) satisfies z.ZodType<SessionDoc>;

/** One line of ratings.ndjson: what one accepted command stored. */
export const ratingRecordSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("samples"),
    participantId: z.string().min(1).max(64),
    /** Server wall time of the batch (ms). */
    at: z.number(),
    /** [seq, element, value, t]: compact, since this is most of the data. */
    samples: z.array(z.tuple([z.number().int().min(1), elementId, score, z.number().min(0)])).min(1),
  }),
  z.strictObject({
    type: z.literal("moment"),
    at: z.number(),
    moment: z.strictObject({
      participantId: z.string().min(1).max(64),
      seq: z.number().int().min(1),
      t: z.number().min(0),
      element: elementId,
      behaviourId: behaviourId.optional(),
      note: z.string().optional(),
    }),
  }),
  z.strictObject({
    type: z.literal("final"),
    rating: z.strictObject({
      participantId: z.string().min(1).max(64),
      scores,
      observed: z.array(behaviourId),
      notes: z.partialRecord(elementId, z.string()).optional(),
      submittedAt: z.number(),
    }),
  }),
  z.strictObject({
    type: z.literal("reflection"),
    reflection: z.strictObject({
      participantId: z.string().min(1).max(64),
      learningPoint: z.string(),
      action: z.string(),
      themes: z.strictObject({ ervaringen: z.string().optional(), behoeften: z.string().optional(), toekomst: z.string().optional() }).optional(),
      submittedAt: z.number(),
    }),
  }),
  z.strictObject({
    type: z.literal("evaluation"),
    evaluation: z.strictObject({
      participantId: z.string().min(1).max(64),
      // Question ids are content and may change; what was answered stays as it was.
      answers: z.record(z.string(), z.number().int().min(0).max(10)),
      submittedAt: z.number(),
    }),
  }),
]);

/** The participant a log record belongs to. */
export function recordParticipant(r: RatingRecord): string {
  switch (r.type) {
    case "samples":
      return r.participantId;
    case "moment":
      return r.moment.participantId;
    case "final":
      return r.rating.participantId;
    case "reflection":
      return r.reflection.participantId;
    case "evaluation":
      return r.evaluation.participantId;
  }
}
export type RatingRecord = z.infer<typeof ratingRecordSchema>;

/** results.json: the results in the one schema they have on the wire and in the browser too (decision 026). */
const resultsDocSchema = z.strictObject({ computedAt: z.number(), results: revealResultsSchema });
export type StoredResults = z.infer<typeof resultsDocSchema>;

export interface LoadedSession {
  doc: SessionDoc;
  records: RatingRecord[];
  results: StoredResults | null;
  /** Bytes of a torn last log line that were cut off on load. */
  truncatedBytes: number;
}

interface OpenSession {
  dir: string;
  doc: JsonDoc<SessionDoc>;
  docCommitter: GroupCommitter;
  log: EventLog<RatingRecord>;
}

/** Writes that could not be completed when the store closed (at shutdown), with their files. */
export class FlushError extends Error {
  constructor(readonly failed: readonly { file: string; reason: string }[]) {
    super(`Niet alles kon worden weggeschreven; mogelijk ontbreekt het laatste deel van:\n${failed.map((f) => `  ${f.file} (${f.reason})`).join("\n")}`);
    this.name = "FlushError";
  }
}

export class SessionStore {
  readonly #dataDir: string;
  readonly #root: string;
  /** The rating logs' shared journal (decision 029), opened (and replayed) before any log. */
  #journal: Promise<Journal> | null = null;
  /** What the journal wrote back into the logs when it was opened: a previous run that did not close. */
  recovered: JournalRecovery | null = null;
  readonly #open = new Map<string, OpenSession>();
  /** Sessions being unloaded (their files still being closed). */
  readonly #unloading = new Map<string, Promise<void>>();

  constructor(dataDir: string) {
    this.#dataDir = dataDir;
    this.#root = path.join(dataDir, "sessions");
  }

  #openJournal(): Promise<Journal> {
    this.#journal ??= Journal.open(this.#dataDir).then(
      ({ journal, recovered }) => {
        this.recovered = recovered;
        return journal;
      },
      (error: unknown) => {
        this.#journal = null; // the next use tries again
        throw error;
      },
    );
    return this.#journal;
  }

  get root(): string {
    return this.#root;
  }

  dirOf(id: string): string {
    if (!SESSION_ID.test(id)) throw new Error("ongeldig sessie-id");
    return path.join(this.#root, id);
  }

  mediaPath(id: string, file: string): string {
    if (!MEDIA_FILE.test(file) && !/^\.upload-[A-Za-z0-9_-]{16,64}$/.test(file)) throw new Error("ongeldige bestandsnaam");
    return path.join(this.dirOf(id), file);
  }

  /**
   * Finds every stored session and validates its document (not its log: that is read when the
   * session is first used, see `load`). A damaged or missing session.json stops the start with a
   * StoreError naming the file. Finishes deletes a crash cut short, removes what a create cut short
   * left and uploads the document does not refer to. Opens nothing.
   */
  async scan(): Promise<SessionDoc[]> {
    await mkdir(this.#root, { recursive: true });
    // First what a crash left in the journal goes back into the logs (and a deleted session's is dropped).
    await this.#openJournal();
    const docs: SessionDoc[] = [];
    for (const name of readdirSync(this.#root).sort()) {
      const dir = path.join(this.#root, name);
      if (name.startsWith(".trash-")) {
        // A delete that a crash interrupted: finish it.
        await rm(dir, { recursive: true, force: true });
        continue;
      }
      if (!SESSION_ID.test(name)) continue;
      const docFile = path.join(dir, "session.json");
      if (!existsSync(docFile)) {
        // Only a create cut short before its first document write leaves a folder without a
        // document: with nothing in it, or only the empty log that `create` opens first.
        const rest = readdirSync(dir).filter((f) => !f.startsWith(".session.json") && !(f === "ratings.ndjson" && statSync(path.join(dir, f)).size === 0));
        if (rest.length === 0) {
          await rm(dir, { recursive: true, force: true });
          continue;
        }
        throw new StoreError(docFile, `het sessiedocument ontbreekt, maar de map bevat ${rest.join(", ")}`);
      }
      const doc = await this.#readDoc(name);
      // An upload cut short, or replaced just before a crash: not referenced, so not kept.
      for (const file of readdirSync(dir)) {
        if (file.startsWith("media-") && file !== doc.data.source.media?.file) await rm(path.join(dir, file), { force: true });
      }
      docs.push(doc.data);
    }
    return docs;
  }

  /**
   * Opens every stored session with its whole log (restore checks a backup with this): a damaged
   * file anywhere throws a StoreError naming it, and nothing stays open.
   */
  async loadAll(): Promise<LoadedSession[]> {
    try {
      const loaded: LoadedSession[] = [];
      for (const doc of await this.scan()) loaded.push(await this.load(doc.id));
      return loaded;
    } catch (error) {
      // Release what was opened before the damaged file (that file is the news).
      await this.close().catch(() => undefined);
      throw error;
    }
  }

  /** True while the session's files are open (between `load` or `create` and `unload`). */
  isOpen(id: string): boolean {
    return this.#open.has(id);
  }

  /**
   * Opens a stored session for use: its document, its log (read and validated line by line; a torn
   * last line is cut off, it was never acked) and its results. A damaged log or results file, or a
   * log line of a participant the document does not know, throws a StoreError naming the file; the
   * session then stays closed, and the next use tries again.
   */
  async load(id: string): Promise<LoadedSession> {
    // An unload still closing this session's log: the new handle is opened after it.
    await this.#unloading.get(id)?.catch(() => undefined);
    if (this.#open.has(id)) throw new Error(`sessie ${id} is al geopend`);
    return this.#openExisting(id);
  }

  /**
   * Writes what is pending for an open session and closes its files; memory may then drop it.
   * Rejects when a pending write or the last sync fails (the files are closed either way; what is
   * on disk is what the next `load` reads).
   */
  unload(id: string): Promise<void> {
    const running = this.#unloading.get(id);
    if (running) return running;
    const s = this.#open.get(id);
    if (!s) return Promise.resolve();
    const run = (async () => {
      try {
        if (!s.docCommitter.idle) await s.docCommitter.request();
      } finally {
        if (this.#open.get(id) === s) this.#open.delete(id);
        await s.log.close(); // writes what is pending and syncs first
      }
    })().finally(() => {
      if (this.#unloading.get(id) === run) this.#unloading.delete(id);
    });
    this.#unloading.set(id, run);
    return run;
  }

  async #readDoc(id: string): Promise<JsonDoc<SessionDoc>> {
    const docFile = path.join(this.dirOf(id), "session.json");
    // The file exists (checked by the caller); openJsonDoc refuses it if it is empty or damaged.
    const doc = await openJsonDoc(docFile, sessionDocSchema, () => null as unknown as SessionDoc);
    if (doc.data.id !== id) throw new StoreError(docFile, `het id ${doc.data.id} hoort niet bij map ${id}`);
    return doc;
  }

  async #openExisting(id: string): Promise<LoadedSession> {
    const dir = this.dirOf(id);
    const doc = await this.#readDoc(id);
    const { log, records, truncatedBytes } = await EventLog.open(path.join(dir, "ratings.ndjson"), ratingRecordSchema, await this.#openJournal());
    const known = new Set(doc.data.participants.map((p) => p.id));
    for (const r of records) {
      const pid = recordParticipant(r);
      if (!known.has(pid)) {
        await log.close();
        throw new StoreError(log.file, `bevat beoordelingen van onbekende deelnemer ${pid}`);
      }
    }
    let results: StoredResults | null = null;
    const resultsFile = path.join(dir, "results.json");
    if (existsSync(resultsFile)) {
      try {
        results = (await openJsonDoc(resultsFile, resultsDocSchema, () => null as unknown as StoredResults)).data;
      } catch (error) {
        await log.close(); // do not leave the log's file handle open
        throw error;
      }
    }
    this.#open.set(id, this.#session(dir, doc, log));
    return { doc: doc.data, records, results, truncatedBytes };
  }

  #session(dir: string, doc: JsonDoc<SessionDoc>, log: EventLog<RatingRecord>): OpenSession {
    const docCommitter = new GroupCommitter(() => writeDurably(doc));
    return { dir, doc, docCommitter, log };
  }

  #get(id: string): OpenSession {
    const s = this.#open.get(id);
    if (!s) throw new Error(`sessie ${id} is niet geopend`);
    return s;
  }

  /** Creates the folder, the document and the (empty) log of a new session, durably. */
  async create(doc: SessionDoc): Promise<void> {
    const dir = this.dirOf(doc.id);
    await mkdir(dir, { recursive: true });
    await syncPath(this.#root);
    const jsonDoc = await openJsonDoc(path.join(dir, "session.json"), sessionDocSchema, () => doc);
    const { log } = await EventLog.open(path.join(dir, "ratings.ndjson"), ratingRecordSchema, await this.#openJournal());
    const session = this.#session(dir, jsonDoc, log);
    this.#open.set(doc.id, session);
    try {
      await this.saveDoc(doc.id, doc);
    } catch (error) {
      // Not stored (a full disk): leave no half session behind, in memory or on disk.
      this.#open.delete(doc.id);
      await log.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
      throw error;
    }
  }

  /** Writes the latest document; resolves when a write that includes it is on disk. */
  saveDoc(id: string, doc: SessionDoc): Promise<void> {
    const s = this.#get(id);
    s.doc.data = doc;
    return s.docCommitter.request();
  }

  /** Appends rating records; resolves when they are on disk. */
  append(id: string, records: readonly RatingRecord[]): Promise<void> {
    if (records.length === 0) return this.barrier(id);
    return this.#get(id).log.append(records);
  }

  /** Resolves when everything written so far for this session is on disk. */
  async barrier(id: string): Promise<void> {
    const s = this.#get(id);
    await s.log.barrier();
    if (!s.docCommitter.idle) await s.docCommitter.request();
  }

  /**
   * The rating log's file once everything appended so far is on disk, with its count of appends
   * (a read at the same count reads the same records): for reads that stream the file themselves.
   */
  async settledLog(id: string): Promise<{ file: string; appends: number }> {
    const s = this.#get(id);
    await s.log.barrier();
    return { file: s.log.file, appends: s.log.appends };
  }

  async saveResults(id: string, results: StoredResults): Promise<void> {
    const dir = this.dirOf(id);
    const doc = await openJsonDoc(path.join(dir, "results.json"), resultsDocSchema, () => results);
    doc.data = results;
    await writeDurably(doc);
  }

  /** Re-reads a session from disk, after a failed write left memory and disk apart. */
  async reload(id: string): Promise<LoadedSession> {
    // Also after a reload that failed (the session is then no longer open): it can be retried.
    const s = this.#open.get(id);
    if (s) {
      await s.log.barrier().catch(() => undefined);
      await s.log.close().catch(() => undefined);
      this.#open.delete(id);
    }
    return this.#openExisting(id);
  }

  /** Removes the session's document, log, results and upload. */
  async delete(id: string): Promise<void> {
    await this.#unloading.get(id)?.catch(() => undefined);
    const s = this.#open.get(id);
    if (s) {
      await s.log.barrier().catch(() => undefined);
      if (!s.docCommitter.idle) await s.docCommitter.request().catch(() => undefined);
      await s.log.close().catch(() => undefined);
      this.#open.delete(id);
    }
    const dir = this.dirOf(id);
    if (!existsSync(dir)) return;
    // Rename first: one atomic step after which the session is gone even if the removal is cut short.
    const trash = path.join(this.#root, `.trash-${id}`);
    await rename(dir, trash);
    await syncPath(this.#root);
    await rm(trash, { recursive: true, force: true });
    // The journal may still hold copies of its last ratings: it moves on to a new file, and the
    // old one is removed after its rest and checkpoint (within about a minute and a half).
    (await this.#openJournal()).rotate();
  }

  /**
   * Writes what is pending for every open session and closes its files. Every session is tried;
   * then a FlushError names each file whose last writes may not be on disk.
   */
  async close(): Promise<void> {
    const failed: { file: string; reason: string }[] = [];
    const reason = (error: unknown) => ((error as NodeJS.ErrnoException).code ?? (error as Error).message ?? String(error));
    await Promise.all([...this.#unloading.values()].map((c) => c.catch(() => undefined))); // their callers hear of a failure
    for (const [id, s] of this.#open) {
      await s.log.close().catch((error: unknown) => failed.push({ file: s.log.file, reason: reason(error) }));
      if (!s.docCommitter.idle) await s.docCommitter.request().catch((error: unknown) => failed.push({ file: s.doc.file, reason: reason(error) }));
      this.#open.delete(id);
    }
    // After the logs: a journal file is removed only when every log it wrote to was synced.
    const journal = this.#journal;
    this.#journal = null;
    if (journal) await (await journal.catch(() => null))?.close();
    if (failed.length) throw new FlushError(failed);
  }
}
