// Self-study profiles: one small lowdb file per profile, so a write costs the same however many
// professionals use the app.
import { existsSync, readdirSync, rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { emptyProfile, type Profile, type ProfileRepository, profileSchema } from "../../app/core/profile";
import { type JsonDoc, openJsonDoc } from "./json-doc";
import { KeyedQueue } from "./keyed-queue";
import { LruMap } from "./lru";

const ID = /^[A-Za-z0-9_-]{16,64}$/;

/** Profiles held in memory at most; the rest are read from their file when asked for. */
export const PROFILE_CACHE_SIZE = 1000;

export class FileProfileRepository implements ProfileRepository {
  readonly #dir: string;
  readonly #docs: LruMap<string, JsonDoc<Profile>>;
  readonly #queue = new KeyedQueue();

  constructor(
    dataDir: string,
    private readonly now: () => Date,
    cacheSize = PROFILE_CACHE_SIZE,
  ) {
    this.#dir = path.join(dataDir, "profiles");
    // Bounded: a profile not in it is opened (and validated) again from its file. Writes of one
    // profile run one at a time (KeyedQueue), so dropping an entry never loses or reorders one.
    this.#docs = new LruMap(cacheSize);
  }

  /** How many profiles are held in memory now (never more than the cache size). */
  get cached(): number {
    return this.#docs.size;
  }

  /** Opens every stored profile once, so a damaged file stops the start (StoreError). */
  async verifyAll(): Promise<number> {
    await mkdir(this.#dir, { recursive: true });
    const names = readdirSync(this.#dir).filter((n) => n.endsWith(".json"));
    for (const name of names) await this.#open(name.slice(0, -5));
    return names.length;
  }

  #file(id: string): string {
    if (!ID.test(id)) throw new Error("ongeldig profiel-id");
    return path.join(this.#dir, `${id}.json`);
  }

  async #open(id: string): Promise<JsonDoc<Profile>> {
    const cached = this.#docs.get(id);
    if (cached) return cached;
    await mkdir(this.#dir, { recursive: true });
    const doc = await openJsonDoc(this.#file(id), profileSchema, () => emptyProfile(id, this.now().toISOString()));
    this.#docs.set(id, doc);
    return doc;
  }

  async get(id: string): Promise<Profile | null> {
    if (!ID.test(id)) return null;
    return this.#queue.run(id, async () => {
      // A cached doc has been written at least once; otherwise only an existing file counts.
      if (!this.#docs.has(id) && !existsSync(this.#file(id))) return null;
      return (await this.#open(id)).data;
    });
  }

  update(id: string, change: (profile: Profile) => Profile): Promise<Profile> {
    return this.#queue.run(id, async () => {
      const doc = await this.#open(id);
      const next = profileSchema.parse(change(structuredClone(doc.data)));
      doc.data = next;
      await doc.write();
      return next;
    });
  }

  delete(id: string): Promise<boolean> {
    if (!ID.test(id)) return Promise.resolve(false);
    return this.#queue.run(id, async () => {
      const file = this.#file(id);
      this.#docs.delete(id);
      try {
        rmSync(file);
        return true;
      } catch {
        return false;
      }
    });
  }
}
