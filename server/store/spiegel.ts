// Mirrors ("Mijn spiegel"): one small lowdb file per mirror, fsynced before any answer goes out.
// A file holds the key's hash (never the key), the AD's own estimates, the open links, the answers
// still held back (with their link, so a client can withdraw) and the releases (without links).
// Links are found through an index in memory, built when every file is opened at the start.
import { existsSync, readdirSync, rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { KEEP_MONTHS, scoresSchema, MAX_OPMERKING } from "../../app/core/spiegel";
import { syncPath } from "./group-commit";
import { type JsonDoc, openJsonDoc, writeDurably } from "./json-doc";
import { KeyedQueue } from "./keyed-queue";

export const SPIEGEL_ID = /^[A-Za-z0-9_-]{16,64}$/;

const answerSchema = z.object({ scores: scoresSchema, opmerking: z.string().max(MAX_OPMERKING) }).strict();
const spiegelDocSchema = z
  .object({
    id: z.string().regex(SPIEGEL_ID),
    keyHash: z.string().regex(/^[0-9a-f]{64}$/),
    createdAt: z.string(),
    lastUsedAt: z.string(),
    gesprekken: z.array(
      z
        .object({
          /** The link's secret part; null once the link expired or was answered and released. */
          link: z.string().regex(SPIEGEL_ID).nullable(),
          /** The short code on the printed card (see app/core/spiegel.ts); null once the link is closed. */
          code: z.string().regex(/^[A-Z0-9]{8}$/).nullable().optional(),
          own: scoresSchema,
          /** Day registered, YYYY-MM-DD. */
          date: z.string(),
          expiresAt: z.string(),
          answered: z.boolean(),
        })
        .strict(),
    ),
    pending: z.array(answerSchema.extend({ link: z.string().regex(SPIEGEL_ID) }).strict()),
    releases: z.array(z.object({ date: z.string(), answers: z.array(answerSchema) }).strict()),
  })
  .strict();
export type SpiegelDoc = z.infer<typeof spiegelDocSchema>;

export class SpiegelStore {
  readonly #dir: string;
  readonly #docs = new Map<string, JsonDoc<SpiegelDoc>>();
  readonly #links = new Map<string, string>();
  readonly #codes = new Map<string, string>();
  readonly #queue = new KeyedQueue();

  constructor(dataDir: string) {
    this.#dir = path.join(dataDir, "spiegels");
  }

  /** Opens every mirror once: a damaged file stops the start (StoreError); builds the link index. */
  async open(): Promise<number> {
    await mkdir(this.#dir, { recursive: true });
    const names = readdirSync(this.#dir).filter((n) => n.endsWith(".json"));
    for (const name of names) {
      const id = name.slice(0, -5);
      if (!SPIEGEL_ID.test(id)) continue;
      const doc = await openJsonDoc(this.#file(id), spiegelDocSchema, () => null as unknown as SpiegelDoc);
      this.#docs.set(id, doc);
      this.#index(doc.data);
    }
    return names.length;
  }

  #file(id: string): string {
    if (!SPIEGEL_ID.test(id)) throw new Error("ongeldig spiegel-id");
    return path.join(this.#dir, `${id}.json`);
  }

  #index(doc: SpiegelDoc): void {
    for (const g of doc.gesprekken) {
      if (g.link) this.#links.set(g.link, doc.id);
      if (g.link && g.code) this.#codes.set(g.code, g.link);
    }
  }

  #unindex(g: SpiegelDoc["gesprekken"][number]): void {
    if (g.link) this.#links.delete(g.link);
    if (g.code) this.#codes.delete(g.code);
  }


  async create(doc: SpiegelDoc): Promise<void> {
    const parsed = spiegelDocSchema.parse(doc);
    await this.#queue.run(parsed.id, async () => {
      if (this.#docs.has(parsed.id) || existsSync(this.#file(parsed.id))) throw new Error("spiegel bestaat al");
      const opened = await openJsonDoc(this.#file(parsed.id), spiegelDocSchema, () => parsed);
      await writeDurably(opened);
      this.#docs.set(parsed.id, opened);
      this.#index(parsed);
    });
  }

  get(id: string): SpiegelDoc | null {
    return SPIEGEL_ID.test(id) ? (this.#docs.get(id)?.data ?? null) : null;
  }

  /** The mirror a client link belongs to. */
  byLink(link: string): string | null {
    return this.#links.get(link) ?? null;
  }

  /** The link a short code stands for, while that link is open. */
  byCode(code: string): string | null {
    return this.#codes.get(code) ?? null;
  }

  /** Read-modify-write, one at a time per mirror; `change` returns the new doc, or null for "no change". */
  update<T>(id: string, change: (doc: SpiegelDoc) => { doc: SpiegelDoc | null; result: T }): Promise<T | null> {
    return this.#queue.run(id, async () => {
      const open = this.#docs.get(id);
      if (!open) return null;
      const { doc, result } = change(structuredClone(open.data));
      if (doc) {
        const next = spiegelDocSchema.parse(doc);
        const previous = open.data;
        open.data = next;
        try {
          await writeDurably(open);
        } catch (error) {
          open.data = previous;
          throw error;
        }
        for (const g of previous.gesprekken) if (g.link && !next.gesprekken.some((n) => n.link === g.link)) this.#unindex(g);
        this.#index(next);
      }
      return result;
    });
  }

  delete(id: string): Promise<boolean> {
    if (!SPIEGEL_ID.test(id)) return Promise.resolve(false);
    return this.#queue.run(id, async () => {
      const open = this.#docs.get(id);
      if (!open) return false;
      for (const g of open.data.gesprekken) this.#unindex(g);
      this.#docs.delete(id);
      rmSync(this.#file(id), { force: true });
      await syncPath(this.#dir);
      return true;
    });
  }

  /**
   * Retention: a mirror unused for KEEP_MONTHS goes entirely; releases and gesprekken older than
   * KEEP_MONTHS go; links past their end date are closed (an answer held back for one stays).
   */
  async sweep(now: Date): Promise<{ deleted: number; changed: number }> {
    const cutoff = new Date(now);
    cutoff.setUTCMonth(cutoff.getUTCMonth() - KEEP_MONTHS);
    const cutoffIso = cutoff.toISOString();
    const cutoffDay = cutoffIso.slice(0, 10);
    let deleted = 0;
    let changed = 0;
    for (const id of [...this.#docs.keys()]) {
      const doc = this.get(id);
      if (!doc) continue;
      if (doc.lastUsedAt < cutoffIso) {
        if (await this.delete(id)) deleted++;
        continue;
      }
      const did = await this.update(id, (d) => {
        const nowIso = now.toISOString();
        const releases = d.releases.filter((r) => r.date >= cutoffDay);
        const gesprekken = d.gesprekken
          .filter((g) => g.date >= cutoffDay)
          .map((g) => (g.link && g.expiresAt <= nowIso && !d.pending.some((p) => p.link === g.link) ? { ...g, link: null, code: null } : g));
        const same = releases.length === d.releases.length && JSON.stringify(gesprekken) === JSON.stringify(d.gesprekken);
        return same ? { doc: null, result: false } : { doc: { ...d, releases, gesprekken }, result: true };
      });
      if (did) changed++;
    }
    return { deleted, changed };
  }
}
