// "Mijn spiegel": clients rate a real gesprek, the AD compares it with their own estimate.
// Pure: no clock, no random, no I/O. The server passes dates in and stores what comes out.
//
// Privacy rules that live here, so every caller gets them:
//   - answers are held back and released only in batches of RELEASE_BATCH or more; a release keeps
//     the day it happened and the answers, never which link they came from or when they came in;
//   - the AD's own mean is taken over ALL registered gesprekken, answered or not.
import { z } from "zod";
import { ELEMENT_IDS, type ElementId, type TipId } from "./domain";
import { JOIN_CODE_ALPHABET, joinCodeFromBytes, normalizeJoinCode } from "./join-code";
import { findPersonalData } from "./personal-data";

/** Answers are released to the mirror only this many (or more) at a time. */
export const RELEASE_BATCH = 3;
/** Days a feedback link stays open. */
export const LINK_DAYS = 14;
/** Released answers are kept this long; a mirror nobody opened this long is deleted. */
export const KEEP_MONTHS = 12;
export const MAX_OPMERKING = 1000;

export const ELEMENT_NAMES: Record<ElementId, string> = {
  vertrouwen: "vertrouwen",
  "richting-kader": "richting & kader",
  binding: "binding",
  stroefheid: "stroefheid",
};

/** What the client reads: one statement per element, in plain words. 0 = niet waar, 10 = helemaal waar. */
export const CLIENT_STATEMENTS: Record<ElementId, { text: string; hint: string }> = {
  vertrouwen: {
    text: "Ik durfde eerlijk te vertellen hoe het met mij gaat.",
    hint: "0 = helemaal niet, 10 = helemaal wel.",
  },
  "richting-kader": {
    text: "Ik weet waar het gesprek voor was, wat de rol van de arbeidsdeskundige is en wat er nu gaat gebeuren.",
    hint: "0 = helemaal niet duidelijk, 10 = heel duidelijk.",
  },
  binding: {
    text: "Ik voelde me gehoord en serieus genomen.",
    hint: "0 = helemaal niet, 10 = helemaal wel.",
  },
  stroefheid: {
    text: "Het gesprek liep stroef: het voelde gespannen, moeizaam of als een strijd.",
    hint: "Hier betekent een hoger cijfer: hoe stroever het voelde. 0 = helemaal niet stroef, 10 = heel stroef.",
  },
};

export const scoreSchema = z.number().int().min(0).max(10);
export const scoresSchema = z
  .object({
    vertrouwen: scoreSchema,
    "richting-kader": scoreSchema,
    binding: scoreSchema,
    stroefheid: scoreSchema,
  })
  .strict();
export type Scores = z.infer<typeof scoresSchema>;

export interface Answer {
  scores: Scores;
  /** Already cleaned of BSN, e-mail and phone numbers; empty when the client wrote nothing. */
  opmerking: string;
}
export interface Release {
  /** Day of the release, YYYY-MM-DD. */
  date: string;
  answers: Answer[];
}

const REMOVED_KINDS = new Set(["bsn", "email", "telefoon"]);

/** Removes what looks like a BSN, e-mail address or phone number, and trims the text. */
export function cleanOpmerking(text: string): string {
  const findings = findPersonalData(text)
    .filter((f) => REMOVED_KINDS.has(f.kind))
    .sort((a, b) => b.index - a.index);
  let out = text;
  for (const f of findings) out = out.slice(0, f.index) + "[weggehaald]" + out.slice(f.index + f.match.length);
  return out.trim().slice(0, MAX_OPMERKING);
}

function compareAnswers(a: Answer, b: Answer): number {
  for (const id of ELEMENT_IDS) if (a.scores[id] !== b.scores[id]) return a.scores[id] - b.scores[id];
  return a.opmerking < b.opmerking ? -1 : a.opmerking > b.opmerking ? 1 : 0;
}

/**
 * Releases the held-back answers when there are enough of them. The released answers are sorted by
 * their content, so the order in which they came in is gone.
 */
export function releaseIfReady(pending: readonly Answer[], day: string): { release: Release | null; pending: Answer[] } {
  if (pending.length < RELEASE_BATCH) return { release: null, pending: [...pending] };
  return { release: { date: day, answers: [...pending].sort(compareAnswers) }, pending: [] };
}

export interface ElementMirror {
  /** Mean of the AD's own estimates over all registered gesprekken; null when there are none. */
  own: number | null;
  /** Mean of the released client answers; null before the first release. */
  client: number | null;
  /** Number of released answers. */
  n: number;
}
export type Mirror = Record<ElementId, ElementMirror>;

const round1 = (x: number) => Math.round(x * 10) / 10;
const mean = (xs: readonly number[]) => (xs.length ? round1(xs.reduce((s, x) => s + x, 0) / xs.length) : null);

export function aggregate(own: readonly Scores[], releases: readonly Release[]): Mirror {
  const answers = releases.flatMap((r) => r.answers);
  const out = {} as Mirror;
  for (const id of ELEMENT_IDS) {
    out[id] = { own: mean(own.map((s) => s[id])), client: mean(answers.map((a) => a.scores[id])), n: answers.length };
  }
  return out;
}

/** Client mean per element for each release, oldest first: the trend. */
export function trend(releases: readonly Release[]): { date: string; n: number; client: Record<ElementId, number> }[] {
  return releases.map((r) => {
    const client = {} as Record<ElementId, number>;
    for (const id of ELEMENT_IDS) client[id] = mean(r.answers.map((a) => a.scores[id])) ?? 0;
    return { date: r.date, n: r.answers.length, client };
  });
}

const nl1 = (x: number) => x.toFixed(1).replace(".", ",");

/** "je schat binding gemiddeld 1,8 hoger in dan je cliënten"; null when there is nothing to compare. */
export function gapLine(id: ElementId, m: ElementMirror): string | null {
  if (m.own === null || m.client === null) return null;
  const gap = round1(m.own - m.client);
  const name = ELEMENT_NAMES[id];
  if (gap === 0) return `Je schat ${name} gemiddeld even hoog in als je cliënten.`;
  return `Je schat ${name} gemiddeld ${nl1(Math.abs(gap))} ${gap > 0 ? "hoger" : "lager"} in dan je cliënten.`;
}

/** A gap this large (on 0–10) is worth talking about. */
export const NOTABLE_GAP = 1.5;

/** The factsheet's tips that fit what clients said. Only from released answers. */
export function mirrorTips(m: Mirror): TipId[] {
  const tips: TipId[] = [];
  const c = (id: ElementId) => m[id].client;
  if (c("binding") === null) return tips;
  if (c("binding")! < 6 && c("stroefheid")! >= 5) tips.push("eerst-binding");
  if (c("vertrouwen")! < 6) tips.push("vanaf-eerste-contact");
  const gaps = ELEMENT_IDS.filter((id) => m[id].own !== null).map((id) => m[id].own! - m[id].client!);
  // Overestimating how the client felt: you filled in for them.
  if (gaps.some((g) => g >= NOTABLE_GAP)) tips.push("niet-invullen");
  if (gaps.some((g) => Math.abs(g) >= NOTABLE_GAP)) tips.push("in-de-ot");
  tips.push("evalueer-gesprek");
  return tips;
}

const elementMirrorSchema = z.object({ own: z.number().nullable(), client: z.number().nullable(), n: z.number().int() });
const perElement = <T extends z.ZodType>(t: T) =>
  z.object({ vertrouwen: t, "richting-kader": t, binding: t, stroefheid: t });

/** GET /api/spiegel/:id: what the AD's browser receives (docs/protocol.md). */
export const mirrorReadSchema = z.object({
  gesprekken: z.number().int(),
  released: z.number().int(),
  elements: perElement(elementMirrorSchema),
  /** Answers still missing before the first release; null after it. */
  untilFirstRelease: z.number().int().nullable(),
  /** Each release: its day, its size, the client means and the remarks that are not empty (alphabetical). */
  releases: z.array(z.object({ date: z.string(), n: z.number().int(), client: perElement(z.number()), opmerkingen: z.array(z.string()) })),
});
export type MirrorRead = z.infer<typeof mirrorReadSchema>;

/** POST /api/spiegel/:id/gesprekken. */
export const gesprekCreatedSchema = z.object({ gesprekId: z.string(), clientUrl: z.string(), code: z.string(), expiresAt: z.string() });
export type GesprekCreated = z.infer<typeof gesprekCreatedSchema>;

/**
 * Before the first release the AD sees how many answers are still missing; after it, nothing about
 * answers that wait (a running count would tell when each client answered).
 */
export function untilFirstRelease(released: number, pending: number): number | null {
  return released > 0 ? null : Math.max(0, RELEASE_BATCH - pending);
}

// The short code on the printed card: what a client types at /s when they have no link to click.
// The join code's alphabet (no look-alikes), eight characters: 22^8 ≈ 5 · 10^10 codes.
export const LINK_CODE_LENGTH = 8;

/** A code from random bytes, or null when they ran out (the caller draws again). */
export function linkCodeFromBytes(bytes: Uint8Array): string | null {
  return joinCodeFromBytes(bytes, LINK_CODE_LENGTH);
}

/** "acde 2346" or "ACDE-2346" → "ACDE2346". */
export const normalizeLinkCode = normalizeJoinCode;

/** "ACDE2346" → "ACDE 2346", as printed on the card. */
export function formatLinkCode(code: string): string {
  return `${code.slice(0, 4)} ${code.slice(4)}`;
}

/** Why a typed code cannot be one, in plain Dutch for the client; null when it can. */
export function linkCodeProblem(code: string): string | null {
  if (code.length === 0) return "Vul de code in die op je kaartje staat.";
  const foreign = [...new Set([...code].filter((c) => !JOIN_CODE_ALPHABET.includes(c)))];
  if (foreign.length > 0) return `Deze code kan niet kloppen: ${foreign.map((c) => `“${c}”`).join(", ")} staat nooit in een code. Kijk nog eens op je kaartje.`;
  if (code.length !== LINK_CODE_LENGTH) return `Een code heeft ${LINK_CODE_LENGTH} tekens. Jij vulde er ${code.length} in.`;
  return null;
}

/** "held": answered, still held back, so the client can withdraw it. */
export type ClientLinkState = "open" | "held" | "answered" | "expired" | "unknown";

/** What the client's page needs from the server (AppServices.spiegel). */
export interface SpiegelClientService {
  /** The organisation responsible for the answers (CLIENT_FEEDBACK_CONTROLLER). */
  readonly controller: string;
  linkState(link: string): ClientLinkState;
  /** The link a short code from a printed card stands for; null when no open link has it. */
  linkByCode(code: string): string | null;
  answer(link: string, scores: Scores, opmerking: string): Promise<ClientLinkState | "saved">;
  /** Removes an answer that is still held back; false when there is none (any more). */
  withdraw(link: string): Promise<boolean>;
}
