// Bringing a mirror ("Mijn spiegel") to the OT: a one-time share code, and the summary that a live
// session may hold of it (docs/decisions/023-spiegel-share.md). Pure: dates come in as arguments.
//
// The summary is all a session ever gets: per element the AD's own mean beside the clients' mean
// over the last releases, how many released answers that is, and the months it spans. Never a
// single answer, an opmerking, a link or a day.
import { z } from "zod";
import { ELEMENT_IDS } from "./domain";
import { isJoinCode, normalizeJoinCode } from "./join-code";
import { type AppError, fail, type Phase } from "./protocol";
import type { ParticipantRecord } from "./records";
import type { Release, Scores } from "./spiegel";
import { SHARE_PHASES, SPIEGEL_SHOW, type SpiegelShareView, type SpiegelSummary, type StoredSpiegelShare } from "./spiegel-share-values";

export {
  monthSpan,
  SHARE_PHASES,
  sharedCountLine,
  SPIEGEL_SHOW,
  type SpiegelShareView,
  type SpiegelShow,
  type SpiegelSummary,
  type StoredSpiegelShare,
} from "./spiegel-share-values";

/** Hours a share code stays valid. */
export const SHARE_CODE_HOURS = 4;
/** The summary covers this many of the latest releases. */
export const SHARE_RELEASES = 3;

const mean1 = z.number().min(0).max(10);
const elementSummary = z.strictObject({ own: mean1.nullable(), client: mean1 });
export const spiegelSummarySchema = z.strictObject({
  elements: z.strictObject({ vertrouwen: elementSummary, "richting-kader": elementSummary, binding: elementSummary, stroefheid: elementSummary }),
  /** Released client answers behind the client means (3 or more). */
  answers: z.number().int().min(3),
  /** First and last month of the releases counted, YYYY-MM. */
  from: z.string().regex(/^\d{4}-\d{2}$/),
  to: z.string().regex(/^\d{4}-\d{2}$/),
}) satisfies z.ZodType<SpiegelSummary>;

const round1 = (x: number) => Math.round(x * 10) / 10;
const mean = (xs: readonly number[]) => round1(xs.reduce((s, x) => s + x, 0) / xs.length);

/**
 * The summary of a mirror, or null while it has no release. `own` is the mean of the AD's own
 * estimates over all registered gesprekken (as in the mirror itself: which ones were answered stays
 * unknown); `client` the mean over the answers of the last SHARE_RELEASES releases.
 */
export function summarizeSpiegel(own: readonly Scores[], releases: readonly Release[]): SpiegelSummary | null {
  const last = [...releases].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).slice(-SHARE_RELEASES);
  const answers = last.flatMap((r) => r.answers);
  if (answers.length === 0) return null;
  const elements = Object.fromEntries(
    ELEMENT_IDS.map((id) => [id, { own: own.length ? mean(own.map((s) => s[id])) : null, client: mean(answers.map((a) => a.scores[id])) }]),
  ) as SpiegelSummary["elements"];
  return { elements, answers: answers.length, from: last[0].date.slice(0, 7), to: last[last.length - 1].date.slice(0, 7) };
}


const shareCode = z
  .string()
  .max(20, "Een deelcode heeft 6 tekens.")
  .transform(normalizeJoinCode)
  .refine(isJoinCode, "Een deelcode heeft 6 tekens uit je spiegel, zoals KM4 7TX. Controleer hem.");

/** spiegel:share (a participant): the code from the mirror, and under which name the room sees it. */
export const spiegelSharePayload = z.strictObject({
  code: shareCode,
  show: z.enum(SPIEGEL_SHOW, { error: "Kies of de groep je spiegel ziet onder je schuilnaam of je naam." }),
});
/** spiegel:decide (the host): accept or decline a shared mirror. */
export const spiegelDecidePayload = z.strictObject({
  shareId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "Onbekende gedeelde spiegel."),
  accept: z.boolean(),
});

// ---- The rules in the live session (session.ts calls these) ----

/** Why this participant cannot share a mirror now, or null. Checked before a share code is used up. */
export function shareRefusal(phase: Phase, shares: readonly StoredSpiegelShare[], participantId: string): AppError | null {
  if (phase === "closed") return fail("session_closed").error;
  if (!SHARE_PHASES.includes(phase)) return fail("wrong_phase", "Een spiegel delen kan tot en met de bespreking.").error;
  if (shares.some((x) => x.participantId === participantId)) {
    return fail("forbidden", "Je hebt in deze sessie al een spiegel gedeeld. Eén spiegel per deelnemer.").error;
  }
  return null;
}

export function decideShare(
  phase: Phase,
  shares: readonly StoredSpiegelShare[],
  shareId: string,
  accept: boolean,
): { ok: true; shares: StoredSpiegelShare[]; changed: boolean } | { ok: false; error: AppError } {
  if (phase === "closed") return fail("session_closed");
  if (!SHARE_PHASES.includes(phase)) return fail("wrong_phase", "Over een gedeelde spiegel beslis je tot en met de bespreking.");
  const share = shares.find((x) => x.id === shareId);
  if (!share) return fail("not_found", "Deze gedeelde spiegel is er niet (meer).");
  if (share.status === "accepted" && accept) return { ok: true, shares: [...shares], changed: false };
  // Declining (also after accepting: the host takes it off the projector) removes the summary.
  const next = accept ? shares.map((x) => (x.id === shareId ? { ...x, status: "accepted" as const } : x)) : shares.filter((x) => x.id !== shareId);
  return { ok: true, shares: next, changed: true };
}

/** The shared mirrors a viewer may see: the host all of them, a participant their own. */
export function shareViews(
  shares: readonly StoredSpiegelShare[],
  participants: readonly ParticipantRecord[],
  viewer: { host: true } | { host: false; participantId: string },
): SpiegelShareView[] {
  const views: SpiegelShareView[] = [];
  for (const share of shares) {
    const p = participants.find((x) => x.id === share.participantId);
    if (!p || p.removed) continue;
    const own = !viewer.host && viewer.participantId === p.id;
    if (!viewer.host && !own) continue;
    views.push({
      id: share.id,
      label: share.show === "naam" ? p.name : p.pseudonym,
      status: share.status,
      answers: share.summary.answers,
      summary: own || share.status === "accepted" ? structuredClone(share.summary) : null,
      own,
    });
  }
  return views;
}

/** The session document's shares, checked on load (server/store/sessions.ts). */
export const storedSpiegelShareSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  participantId: z.string().min(1).max(64),
  show: z.enum(SPIEGEL_SHOW),
  status: z.enum(["pending", "accepted"]),
  summary: spiegelSummarySchema,
  sharedAt: z.number(),
});
