// The mirror's rules on top of its store: keys, links, expiry, release in batches.
// Shared by the JSON API (server/http/spiegel.ts) and the client's page (through AppServices).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import {
  type ClientLinkState,
  cleanOpmerking,
  LINK_DAYS,
  type MirrorRead,
  type GesprekCreated,
  aggregate,
  releaseIfReady,
  type Scores,
  type SpiegelClientService,
  linkCodeFromBytes,
  trend,
  untilFirstRelease,
} from "../app/core/spiegel";
import { KEY_BYTES } from "../app/core/spiegel-key";
import { joinCodeFromBytes } from "../app/core/join-code";
import { SHARE_CODE_HOURS, type SpiegelSummary, summarizeSpiegel } from "../app/core/spiegel-share";
import type { SpiegelDoc, SpiegelStore } from "./store/spiegel";

const hash = (key: string) => createHash("sha256").update(key).digest("hex");
const token = () => randomBytes(18).toString("base64url");
const DAY = 24 * 3600 * 1000;
/**
 * The mirror's id follows from its key (one way), so the key alone opens the mirror on another
 * device: the words a person writes down need not carry the id as well.
 */
export const spiegelIdFor = (key: string) => createHash("sha256").update(`spiegel-id:${key}`).digest("base64url").slice(0, 24);

export type SpiegelRead = MirrorRead;

export type AuthResult<T> = { ok: true; value: T } | { ok: false; reason: "not_found" | "forbidden" };

/** A share code in memory (docs/decisions/023): which mirror, until when, and whether it was used. */
interface ShareEntry {
  spiegelId: string;
  expiresAt: number;
  used: boolean;
}
export type ShareTake =
  | { ok: true; summary: SpiegelSummary; giveBack: () => void }
  | { ok: false; reason: "unknown" | "used" | "expired" | "empty" };

export class SpiegelService implements SpiegelClientService {
  /** Share codes live in memory only: a restart drops the unused ones (the AD makes a new one). */
  readonly #shares = new Map<string, ShareEntry>();

  constructor(
    private readonly store: SpiegelStore,
    private readonly now: () => Date,
    readonly controller: string,
    private readonly publicUrl: string,
  ) {}

  async create(): Promise<{ spiegelId: string; key: string }> {
    const key = randomBytes(KEY_BYTES).toString("base64url");
    const spiegelId = spiegelIdFor(key);
    const at = this.now().toISOString();
    await this.store.create({ id: spiegelId, keyHash: hash(key), createdAt: at, lastUsedAt: at, gesprekken: [], pending: [], releases: [] });
    return { spiegelId, key };
  }

  #authorized(id: string, key: string): AuthResult<SpiegelDoc> {
    const doc = this.store.get(id);
    if (!doc) return { ok: false, reason: "not_found" };
    const a = Buffer.from(hash(key));
    const b = Buffer.from(doc.keyHash);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return { ok: false, reason: "forbidden" };
    return { ok: true, value: doc };
  }

  /** The mirror a key opens (for another device, where only the key is known). */
  find(key: string): AuthResult<string> {
    const auth = this.#authorized(spiegelIdFor(key), key);
    return auth.ok ? { ok: true, value: auth.value.id } : { ok: false, reason: "not_found" };
  }

  /** A short code no open link has yet. */
  #newCode(): string {
    for (;;) {
      const code = linkCodeFromBytes(randomBytes(16));
      if (code && !this.store.byCode(code)) return code;
    }
  }

  linkByCode(code: string): string | null {
    const link = this.store.byCode(code);
    return link && this.linkState(link) === "open" ? link : null;
  }

  clientUrl(link: string): string {
    return `${this.publicUrl.replace(/\/+$/, "")}/s/${link}`;
  }

  async registerGesprek(id: string, key: string, own: Scores): Promise<AuthResult<GesprekCreated>> {
    const auth = this.#authorized(id, key);
    if (!auth.ok) return auth;
    const link = token();
    const code = this.#newCode();
    const expiresAt = new Date(this.now().getTime() + LINK_DAYS * DAY).toISOString();
    const now = this.now();
    await this.store.update(id, (d) => ({
      doc: {
        ...d,
        lastUsedAt: now.toISOString(),
        gesprekken: [...d.gesprekken, { link, code, own, date: now.toISOString().slice(0, 10), expiresAt, answered: false }],
      },
      result: null,
    }));
    return { ok: true, value: { gesprekId: link, clientUrl: this.clientUrl(link), code, expiresAt } };
  }

  async read(id: string, key: string): Promise<AuthResult<SpiegelRead & { doc: SpiegelDoc }>> {
    const auth = this.#authorized(id, key);
    if (!auth.ok) return auth;
    const at = this.now().toISOString();
    await this.store.update(id, (d) => ({ doc: d.lastUsedAt.slice(0, 10) === at.slice(0, 10) ? null : { ...d, lastUsedAt: at }, result: null }));
    const doc = this.store.get(id)!;
    const released = doc.releases.reduce((n, r) => n + r.answers.length, 0);
    return {
      ok: true,
      value: {
        gesprekken: doc.gesprekken.length,
        released,
        elements: aggregate(
          doc.gesprekken.map((g) => g.own),
          doc.releases,
        ),
        untilFirstRelease: untilFirstRelease(released, doc.pending.length),
        releases: trend(doc.releases).map((r, i) => ({
          ...r,
          opmerkingen: doc.releases[i].answers
            .map((a) => a.opmerking)
            .filter(Boolean)
            .sort((a, b) => a.localeCompare(b, "nl")),
        })),
        doc,
      },
    };
  }

  async remove(id: string, key: string): Promise<AuthResult<null>> {
    const auth = this.#authorized(id, key);
    if (!auth.ok) return auth;
    await this.store.delete(id);
    return { ok: true, value: null };
  }

  linkState(link: string): ClientLinkState {
    const id = this.store.byLink(link);
    const g = id ? this.store.get(id)?.gesprekken.find((x) => x.link === link) : undefined;
    if (!g) return "unknown";
    if (g.answered) return this.store.get(id!)!.pending.some((p) => p.link === link) ? "held" : "answered";
    if (g.expiresAt <= this.now().toISOString()) return "expired";
    return "open";
  }

  async answer(link: string, scores: Scores, opmerking: string): Promise<ClientLinkState | "saved"> {
    const id = this.store.byLink(link);
    if (!id) return "unknown";
    const now = this.now();
    const result = await this.store.update(id, (d) => {
      const g = d.gesprekken.find((x) => x.link === link);
      if (!g) return { doc: null, result: "unknown" as const };
      if (g.answered) return { doc: null, result: d.pending.some((p) => p.link === link) ? ("held" as const) : ("answered" as const) };
      if (g.expiresAt <= now.toISOString()) return { doc: null, result: "expired" as const };
      g.answered = true;
      const mine = { link, scores, opmerking: cleanOpmerking(opmerking) };
      const held = [...d.pending, mine];
      // Released answers lose their link; held-back ones keep it (for withdrawal) until released.
      const { release } = releaseIfReady(
        held.map((p) => ({ scores: p.scores, opmerking: p.opmerking })),
        now.toISOString().slice(0, 10),
      );
      const withLinks = release ? [] : held;
      return { doc: { ...d, pending: withLinks, releases: release ? [...d.releases, release] : d.releases }, result: "saved" as const };
    });
    return result ?? "unknown";
  }

  async withdraw(link: string): Promise<boolean> {
    const id = this.store.byLink(link);
    if (!id) return false;
    const result = await this.store.update(id, (d) =>
      d.pending.some((p) => p.link === link) ? { doc: { ...d, pending: d.pending.filter((p) => p.link !== link) }, result: true } : { doc: null, result: false },
    );
    return result === true;
  }

  /**
   * A one-time share code for a mirror that has at least one release; it replaces an unused code
   * of the same mirror. null for "nothing released yet".
   */
  async shareCode(id: string, key: string): Promise<AuthResult<{ code: string; expiresAt: string } | null>> {
    const auth = this.#authorized(id, key);
    if (!auth.ok) return auth;
    if (auth.value.releases.length === 0) return { ok: true, value: null };
    const now = this.now().getTime();
    for (const [code, entry] of this.#shares) {
      if (entry.expiresAt <= now - 24 * 3600 * 1000 || (entry.spiegelId === id && !entry.used)) this.#shares.delete(code);
    }
    let code: string | null = null;
    while (!code || this.#shares.has(code)) code = joinCodeFromBytes(randomBytes(16));
    const expiresAt = now + SHARE_CODE_HOURS * 3600 * 1000;
    this.#shares.set(code, { spiegelId: id, expiresAt, used: false });
    return { ok: true, value: { code, expiresAt: new Date(expiresAt).toISOString() } };
  }

  /**
   * Uses a share code (once) and gives the mirror's summary. `giveBack` makes the code usable again
   * when the session could not store the share. Used and expired codes are remembered for a day,
   * so the answer can say which it is.
   */
  takeShareCode(code: string): ShareTake {
    const entry = this.#shares.get(code);
    if (!entry) return { ok: false, reason: "unknown" };
    if (entry.used) return { ok: false, reason: "used" };
    if (entry.expiresAt <= this.now().getTime()) return { ok: false, reason: "expired" };
    const doc = this.store.get(entry.spiegelId);
    const summary = doc ? summarizeSpiegel(doc.gesprekken.map((g) => g.own), doc.releases) : null;
    if (!summary) return { ok: false, reason: doc ? "empty" : "unknown" };
    entry.used = true;
    return { ok: true, summary, giveBack: () => void (entry.used = false) };
  }
}
