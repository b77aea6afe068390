// Reveal results, computed from what the live room recorded. Pure: data in, numbers out.
// The live room calls computeResults on reveal and sends the outcome to every participant, so
// nothing that the session's privacy settings hide may be in it. The choices (binning, alpha,
// hotspot windows, moment matching, small groups) are argued in docs/decisions/005-results-and-agreement.md;
// what small groups get to see (roles merged, no per-person rows) in docs/decisions/013-small-group-privacy.md.
import { max, mean, median, min, sampleStandardDeviation } from "simple-statistics";
import { ELEMENT_IDS, type ElementId, LAG_MAX_SECONDS, NEGATIVE_ELEMENT } from "./domain";
import { clientViewRoomLine } from "./client-view";
import { type AlphaResult, krippendorffAlpha } from "./krippendorff";
import type { FinalRating, LiveSample, MomentMark, ParticipantRecord, SessionSettings } from "./records";

export interface ReferenceInput {
  scores: Record<ElementId, number>;
  /** The casus's written client view: how the client would probably rate it (decision 019). */
  clientView?: Record<ElementId, number>;
  moments: { turnIndex: number; t: number; id: string; effect: "versterkt" | "belast" }[];
}

export interface ResultsOptions {
  /** Width of a timeline bin in seconds (1–60, default 5). */
  binSeconds?: number;
  /** Lag correction: every rater's samples and moments are moved this many seconds earlier (0–3). */
  lagSeconds?: number;
  /**
   * How long a sample holds its value when no next sample follows (0.1–600 s, default 2). The client
   * repeats an unchanged value every second, so a longer silence is a gap. Raise it for a client that
   * sends only on change.
   */
  holdSeconds?: number;
  /** A gap of this many points or more between ADs and ervaringsdeskundigen gets a plain line (default 2). */
  gapThreshold?: number;
  /** Width of a divergence-hotspot window in seconds (default 15). */
  hotspotSeconds?: number;
  /** How many hotspots per element (default 3). */
  hotspotCount?: number;
}

export interface ResultsInput {
  participants: ParticipantRecord[];
  samples: LiveSample[];
  moments: MomentMark[];
  finals: FinalRating[];
  /** Gesprek length in seconds, when known. */
  duration: number | null;
  settings: SessionSettings;
  reference?: ReferenceInput;
  /** Every behaviour / stroefheid signal id with its element, from content. */
  behaviours: { id: string; elementId: ElementId }[];
  /** Start times (s) of the transcript turns, in order, when the gesprek is a vignette. Index = turn index. */
  turns?: { t: number }[];
  /** Element names from content; the built-in Dutch names otherwise. */
  elementNames?: Partial<Record<ElementId, string>>;
  /** Behaviour ids that can occur in this gesprek (the casus says which); unknown for an own recording. */
  applicableBehaviours?: readonly string[];
  options?: ResultsOptions;
}

export type RaterRole = "arbeidsdeskundige" | "ervaringsdeskundige";
export const RATER_ROLE_IDS = ["arbeidsdeskundige", "ervaringsdeskundige"] as const satisfies readonly RaterRole[];

/** One person's row: only in sessions that show the roles apart without making anyone identifiable. */
export interface RaterFinal {
  pseudonym: string;
  displayName: string;
  /** Null: the role is hidden (merged into the group). */
  role: RaterRole | null;
  scores: Record<ElementId, number>;
}

/** How many raters with a final rating watched all four elements, and how many had each one as focus. */
export interface FocusCounts {
  all: number;
  elements: Record<ElementId, number>;
}

/** Descriptive statistics of a set of scores. `sd` is the sample SD (n - 1); null below two values. */
export interface Summary {
  n: number;
  mean: number;
  median: number;
  min: number;
  max: number;
  sd: number | null;
}

export interface RoleGroup {
  role: RaterRole;
  n: number;
  /** False when the group is empty, or is one rater and the session does not allow showing that. */
  shown: boolean;
  /** Only present when shown. */
  summary: Summary | null;
  /** Why the group has no mean of its own, in Dutch. */
  note: string | null;
}

export interface RoleGap {
  arbeidsdeskundigeMean: number;
  ervaringsdeskundigeMean: number;
  /** Ervaringsdeskundigen minus ADs: positive when the ervaringsdeskundigen score higher. */
  gap: number;
  /** |gap| >= the gap threshold. */
  large: boolean;
  /** Plain Dutch line, only when large. */
  line: string | null;
}

/**
 * One dot: a score and, when the roles are shown apart, its role. No name or pseudonym: a dot needs
 * neither, and every snapshot links names to roles. Sorted by value, so the order says nothing about who.
 */
export interface RaterScore {
  /** Null: the role is hidden (merged into the group). */
  role: RaterRole | null;
  value: number;
}

export type AgreementBand = "betrouwbaar" | "voorlopig" | "verschillend";

export interface Agreement {
  /** Krippendorff's alpha, interval metric, over the binned live ratings. */
  alpha: number | null;
  band: AgreementBand | null;
  /** Raters and bins the value rests on (bins that at least two raters rated). */
  raters: number;
  bins: number;
  /** Dutch: the value with its band, or why there is none. */
  line: string;
  /** Dutch caution when the value rests on few raters or bins. */
  caution: string | null;
}

export interface BehaviourCount {
  id: string;
  /** Distinct raters who ticked it in their final rating or marked it as a moment. */
  raters: number;
  inFinal: number;
  inMoments: number;
}

export interface TimelineBin {
  start: number;
  end: number;
  /** Raters with a value in this bin; 0 is a gap. */
  n: number;
  mean: number | null;
  /** Sample SD between raters; null below two raters. */
  sd: number | null;
  min: number | null;
  max: number | null;
}

export interface MomentCluster {
  /** Mean time of the marks. */
  t: number;
  from: number;
  to: number;
  turnIndex: number | null;
  /** Distinct raters in the cluster; more than one is "several raters marked this". */
  raters: number;
  count: number;
  behaviours: { id: string; raters: number }[];
}

export interface Hotspot {
  elementId: ElementId;
  start: number;
  end: number;
  /** Mean between-rater SD over the window's bins. */
  spread: number;
  /** Mean distance between the lowest and highest rater over the window's bins. */
  meanRange: number;
  /** Most raters in one bin of the window. */
  raters: number;
  /** The transcript turn being spoken at the window's start, when turns are known. */
  turnIndex: number | null;
}

export interface ElementTimeline {
  /** Raters with at least one binned value for this element. */
  raters: number;
  bins: TimelineBin[];
  moments: MomentCluster[];
  hotspots: Hotspot[];
  /**
   * Every rater's binned value (one decimal; null where not rated), one row per rater, in no stated
   * order and without names, so a rise can be measured within each rater. Absent in older results.
   */
  series?: (number | null)[][];
}

export interface ElementResult {
  elementId: ElementId;
  name: string;
  /** Stroefheid: high is bad. Never add it to the other elements. */
  negative: boolean;
  /** Every rater's final score: the dots, lowest first. */
  scores: RaterScore[];
  summary: Summary | null;
  /** Null when the session does not show the roles apart. */
  roles: Record<RaterRole, RoleGroup> | null;
  gap: RoleGap | null;
  /** Why there is no gap, in Dutch. */
  gapNote: string | null;
  agreement: Agreement;
  behaviours: { seen: BehaviourCount[]; unseen: string[] };
  reference: {
    score: number;
    groupMean: number | null;
    difference: number | null;
    /** The written client view's score; absent in older results and without one. */
    clientView?: number | null;
    /** The ervaringsdeskundigen's mean, only where the small-group rule lets it be shown (decision 013). */
    edMean?: number | null;
  } | null;
  timeline: ElementTimeline;
}

export type MomentMatch = "gedrag" | "element";

export interface ReferenceMomentResult {
  turnIndex: number;
  t: number;
  id: string;
  elementId: ElementId | null;
  effect: "versterkt" | "belast";
  /** The window (gesprek seconds) in which a rater's mark counts. */
  from: number;
  to: number;
  /** "gedrag": someone marked this behaviour; "element": only the same element; null: missed. */
  match: MomentMatch | null;
  /** Distinct raters who marked it at the match level. */
  raters: number;
  /** Raters who ticked this behaviour in their final rating (not tied to a time). */
  inFinal: number;
}

export interface RevealResults {
  /** Raters with a final rating: the numbers per element rest on them. */
  raterCount: number;
  /** Per person, all four scores. Empty whenever the roles are merged (rolesShown false). */
  finals: RaterFinal[];
  roleCounts: Record<RaterRole, number>;
  /**
   * ADs and ervaringsdeskundigen are shown as separate groups: the session asked for it and no role
   * has a single rater (unless the session allows that). False: every role is null, no role means.
   */
  rolesShown: boolean;
  /** Dutch: why the roles are merged into the group, when they are (and a rater had a role to hide). */
  privacyNote: string | null;
  /** Fewer than 3 raters: the numbers are a start for conversation only. */
  fewRaters: boolean;
  caution: string | null;
  elements: ElementResult[];
  timeline: {
    binSeconds: number;
    lagSeconds: number;
    holdSeconds: number;
    end: number;
    binCount: number;
    turnTimes: number[] | null;
  };
  /** Every element's hotspots, highest spread first. */
  hotspots: Hotspot[];
  reference: { marked: ReferenceMomentResult[]; missed: ReferenceMomentResult[] } | null;
  /** Behaviour ids that can occur in this gesprek; null when unknown (and absent in older results). */
  applicableBehaviours?: string[] | null;
  /** Dutch: what the written client view is in this room, with or without ervaringsdeskundigen (decision 019). */
  clientViewLine?: string | null;
  /** What the raters with a final rating watched, as counts (absent in older results). */
  focus?: FocusCounts;
}

export const RESULT_DEFAULTS = {
  binSeconds: 5,
  lagSeconds: 0,
  holdSeconds: 2,
  gapThreshold: 2,
  hotspotSeconds: 15,
  hotspotCount: 3,
  /** Without known turns, marks within this many seconds of a cluster's first mark join it. */
  clusterSeconds: 5,
  /** A rater's mark counts for a reference moment from this long before its turn starts ... */
  momentBefore: 2,
  /** ... until this long after the next turn starts (reaction time) ... */
  momentAfterNextTurn: 5,
  /** ... or, when the next turn is unknown, this long after the reference moment. */
  momentWithoutNextTurn: 20,
  /** Below this many raters with a final rating the whole reveal carries a caution. */
  fewRaters: 3,
  /** Below this many raters alpha carries a caution. */
  alphaCautionRaters: 5,
} as const;

export const ELEMENT_NAMES: Record<ElementId, string> = {
  vertrouwen: "Vertrouwen",
  "richting-kader": "Richting & Kader",
  binding: "Binding",
  stroefheid: "Stroefheid",
};

const ROLE_PLURAL: Record<RaterRole, string> = {
  arbeidsdeskundige: "arbeidsdeskundigen",
  ervaringsdeskundige: "ervaringsdeskundigen",
};

// ---- Formatting for the Dutch lines ----

/** 6.25 → "6,3". */
export function formatNumber(x: number, digits = 1): string {
  const text = x.toFixed(digits);
  return (/^-0[.,]?0*$/.test(text) ? text.slice(1) : text).replace(".", ",");
}

/** Whole numbers bare, others with one decimal: 5 → "5", 5.5 → "5,5". */
export function formatPlain(x: number): string {
  return Number.isInteger(x) ? String(x) : formatNumber(x);
}

// ---- Small helpers ----

export function summarize(values: readonly number[]): Summary | null {
  if (values.length === 0) return null;
  const list = [...values];
  return {
    n: list.length,
    mean: mean(list),
    median: median(list),
    min: min(list),
    max: max(list),
    sd: list.length >= 2 ? sampleStandardDeviation(list) : null,
  };
}

function clamp(x: number | undefined, lo: number, hi: number, fallback: number): number {
  return typeof x === "number" && Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : fallback;
}

/** The last turn that starts at or before t (the turn being spoken); 0 before the first turn. */
export function turnAt(turnTimes: readonly number[], t: number): number | null {
  if (turnTimes.length === 0) return null;
  let lo = 0;
  let hi = turnTimes.length - 1;
  if (t < turnTimes[0]) return 0;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (turnTimes[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const isRaterRole = (role: string): role is RaterRole => role === "arbeidsdeskundige" || role === "ervaringsdeskundige";

// ---- The computation ----

export function computeResults(input: ResultsInput): RevealResults {
  const o = input.options ?? {};
  const binSeconds = clamp(o.binSeconds, 1, 60, RESULT_DEFAULTS.binSeconds);
  const lagSeconds = clamp(o.lagSeconds, 0, LAG_MAX_SECONDS, RESULT_DEFAULTS.lagSeconds);
  const holdSeconds = clamp(o.holdSeconds, 0.1, 600, RESULT_DEFAULTS.holdSeconds);
  const gapThreshold = clamp(o.gapThreshold, 0, 10, RESULT_DEFAULTS.gapThreshold);
  const hotspotSeconds = clamp(o.hotspotSeconds, binSeconds, 600, RESULT_DEFAULTS.hotspotSeconds);
  const hotspotCount = Math.round(clamp(o.hotspotCount, 0, 20, RESULT_DEFAULTS.hotspotCount));
  const names = { ...ELEMENT_NAMES, ...input.elementNames };

  // Raters: participants in a rating role whom the host did not remove. Everything else is ignored.
  const raters = new Map<string, ParticipantRecord & { role: RaterRole }>();
  for (const p of input.participants) {
    if (!p.removed && isRaterRole(p.role)) raters.set(p.id, p as ParticipantRecord & { role: RaterRole });
  }

  // One final per rater: the latest, should a store ever hold two.
  const latestFinal = new Map<string, FinalRating>();
  for (const f of input.finals) {
    if (!raters.has(f.participantId)) continue;
    const prev = latestFinal.get(f.participantId);
    if (!prev || f.submittedAt >= prev.submittedAt) latestFinal.set(f.participantId, f);
  }
  const finalEntries = input.participants
    .filter((p) => latestFinal.has(p.id) && raters.has(p.id))
    .map((p) => ({ p: raters.get(p.id)!, f: latestFinal.get(p.id)! }));
  const roleCounts: Record<RaterRole, number> = { arbeidsdeskundige: 0, ervaringsdeskundige: 0 };
  for (const { p } of finalEntries) roleCounts[p.role]++;
  const privacy = rolePrivacy(roleCounts, input.settings);
  // Per-person rows name people, and every snapshot tells who has which role: with the roles merged
  // a row would hand the hidden role straight back. So they go, with the roles.
  const finals: RaterFinal[] = privacy.rolesShown
    ? finalEntries.map(({ p, f }) => ({
        pseudonym: p.pseudonym,
        displayName: input.settings.nameDisplay === "namen" ? p.name : p.pseudonym,
        role: p.role,
        scores: f.scores,
      }))
    : [];
  // What each rater watched, as counts only (the tip rules ask how many looked at an element).
  const focus: FocusCounts = { all: 0, elements: { vertrouwen: 0, "richting-kader": 0, binding: 0, stroefheid: 0 } };
  for (const { p } of finalEntries) {
    if (p.focus) focus.elements[p.focus]++;
    else focus.all++;
  }

  const turnTimes = input.turns?.length ? input.turns.map((turn) => turn.t) : null;
  const shift = (t: number) => Math.max(0, t - lagSeconds);
  const raterMoments = input.moments
    .filter((m) => raters.has(m.participantId) && Number.isFinite(m.t))
    .map((m) => ({ ...m, t: shift(m.t) }));

  const timeline = buildTimeline(input, raters, { binSeconds, lagSeconds, holdSeconds });
  const elements: ElementResult[] = ELEMENT_IDS.map((elementId) => {
    const binned = timeline.elements[elementId];
    const scores: RaterScore[] = finalEntries
      .map(({ p, f }) => ({ role: privacy.rolesShown ? p.role : null, value: f.scores[elementId] }))
      .sort(byValueThenRole);
    const summary = summarize(scores.map((s) => s.value));
    const { roles, gap, gapNote } = compareRoles(elementId, names[elementId], scores, privacy, gapThreshold);
    const hotspots = findHotspots(elementId, binned.bins, binSeconds, hotspotSeconds, hotspotCount, turnTimes);
    const elementMoments = raterMoments.filter((m) => m.element === elementId);
    return {
      elementId,
      name: names[elementId],
      negative: elementId === NEGATIVE_ELEMENT,
      scores,
      summary,
      roles,
      gap,
      gapNote,
      agreement: describeAgreement(krippendorffAlpha(binned.matrix, "interval"), binSeconds),
      behaviours: tallyBehaviours(elementId, input.behaviours, finalEntries, raterMoments),
      reference: input.reference
        ? {
            score: input.reference.scores[elementId],
            groupMean: summary?.mean ?? null,
            difference: summary ? summary.mean - input.reference.scores[elementId] : null,
            clientView: input.reference.clientView?.[elementId] ?? null,
            edMean: roles?.ervaringsdeskundige.shown ? (roles.ervaringsdeskundige.summary?.mean ?? null) : null,
          }
        : null,
      timeline: {
        raters: binned.raters,
        bins: binned.bins,
        moments: clusterMoments(elementMoments, turnTimes),
        hotspots,
        series: binned.matrix.map((row) => Array.from(row, (v) => (Number.isNaN(v) ? null : Math.round(v * 10) / 10))),
      },
    };
  });

  const fewRaters = finalEntries.length < RESULT_DEFAULTS.fewRaters;
  return {
    raterCount: finalEntries.length,
    finals,
    roleCounts,
    rolesShown: privacy.rolesShown,
    privacyNote: privacy.note,
    fewRaters,
    caution: fewRaters ? fewRatersLine(finalEntries.length) : null,
    elements,
    timeline: {
      binSeconds,
      lagSeconds,
      holdSeconds,
      end: timeline.end,
      binCount: timeline.binCount,
      turnTimes,
    },
    hotspots: elements
      .flatMap((e) => e.timeline.hotspots)
      .sort((a, b) => b.spread - a.spread || a.start - b.start),
    reference: input.reference
      ? matchReferenceMoments(input.reference, input.behaviours, raterMoments, finalEntries, turnTimes)
      : null,
    applicableBehaviours: input.applicableBehaviours ? [...input.applicableBehaviours] : null,
    clientViewLine: input.reference?.clientView
      ? clientViewRoomLine(roleCounts.ervaringsdeskundige, elements.some((e) => e.roles?.ervaringsdeskundige.shown === true))
      : null,
    focus,
  };
}

function fewRatersLine(n: number): string {
  if (n === 0) return "Er zijn geen eindscores gegeven, dus er valt nog niets te vergelijken.";
  const who = n === 1 ? "heeft maar één persoon" : `hebben maar ${n} mensen`;
  return `Er ${who} een eindscore gegeven. Zie de cijfers als begin van het gesprek, niet als uitkomst.`;
}

// ---- Roles ----

export interface RolePrivacy {
  /** The roles may be shown apart: role marks on dots, a mean per role, per-person rows. */
  rolesShown: boolean;
  /** Dutch: what was done instead, when the roles are merged and someone had a role to hide. */
  note: string | null;
}

const byValueThenRole = (a: RaterScore, b: RaterScore) =>
  a.value - b.value || (a.role ?? "").localeCompare(b.role ?? "");

/**
 * Whether the results may tell the roles apart. Not when the session keeps them together, and not
 * when a role has one rater (unless the session allows a group of one): then that person's role
 * mark would sit at their exact score, and a group mean beside the other role's mean gives the
 * score away ((n·group − k·other) / 1). Merged, every role is hidden and no role has a mean.
 */
export function rolePrivacy(counts: Record<RaterRole, number>, settings: SessionSettings): RolePrivacy {
  const raters = counts.arbeidsdeskundige + counts.ervaringsdeskundige;
  if (!settings.separateRoles) {
    return {
      rolesShown: false,
      note: raters > 0 ? "Deze sessie toont de rollen niet apart: iedere score telt mee in de groep, zonder rol erbij." : null,
    };
  }
  const single = RATER_ROLE_IDS.filter((role) => counts[role] === 1);
  if (single.length === 0 || settings.allowSingleRaterGroup) return { rolesShown: true, note: null };
  const note =
    single.length === 2
      ? "Eén arbeidsdeskundige en één ervaringsdeskundige deden mee; hun scores tellen mee in de groep en worden niet apart getoond."
      : `Eén ${single[0]} deed mee; haar of zijn scores tellen mee in de groep en worden niet apart getoond.`;
  return { rolesShown: false, note };
}

function compareRoles(
  elementId: ElementId,
  name: string,
  scores: RaterScore[],
  privacy: RolePrivacy,
  gapThreshold: number,
): Pick<ElementResult, "roles" | "gap" | "gapNote"> {
  if (!privacy.rolesShown) {
    return { roles: null, gap: null, gapNote: privacy.note ?? "Deze sessie toont arbeidsdeskundigen en ervaringsdeskundigen niet apart." };
  }
  const group = (role: RaterRole): RoleGroup => {
    const values = scores.filter((s) => s.role === role).map((s) => s.value);
    if (values.length === 0) {
      return { role, n: 0, shown: false, summary: null, note: `Er waren geen ${ROLE_PLURAL[role]} die beoordeelden.` };
    }
    return { role, n: values.length, shown: true, summary: summarize(values), note: null };
  };
  const roles = { arbeidsdeskundige: group("arbeidsdeskundige"), ervaringsdeskundige: group("ervaringsdeskundige") };
  const ad = roles.arbeidsdeskundige.summary;
  const ed = roles.ervaringsdeskundige.summary;
  if (!ad || !ed) {
    return { roles, gap: null, gapNote: "Geen vergelijking: niet beide groepen hebben een gemiddelde dat we kunnen tonen." };
  }
  const gap = ed.mean - ad.mean;
  // Compare on the rounded gap that people read, so "2,0" never goes without its line.
  const large = Math.abs(Math.round(gap * 10) / 10) >= gapThreshold;
  return {
    roles,
    gap: {
      arbeidsdeskundigeMean: ad.mean,
      ervaringsdeskundigeMean: ed.mean,
      gap,
      large,
      line: large ? gapLine(elementId, name, ad.mean, ed.mean) : null,
    },
    gapNote: null,
  };
}

function gapLine(elementId: ElementId, name: string, adMean: number, edMean: number): string {
  const edHigher = edMean > adMean;
  const [higher, lower] = edHigher
    ? ["ervaringsdeskundigen", "arbeidsdeskundigen"]
    : ["arbeidsdeskundigen", "ervaringsdeskundigen"];
  const [hi, lo] = edHigher ? [edMean, adMean] : [adMean, edMean];
  const what =
    elementId === NEGATIVE_ELEMENT
      ? `ervaren de ${higher} gemiddeld ${formatNumber(hi - lo)} punt meer stroefheid dan de ${lower}`
      : `geven de ${higher} gemiddeld ${formatNumber(hi - lo)} punt meer dan de ${lower}`;
  return (
    `Bij ${name} ${what} (${formatNumber(hi)} tegen ${formatNumber(lo)}). ` +
    "Zo'n verschil is geen fout maar een leersignaal: vraag elkaar wat de cliëntkant anders zag."
  );
}

// ---- Timeline ----

interface BinnedElement {
  /** raters × bins, NaN where the rater has no value: the reliability data for alpha. */
  matrix: Float64Array[];
  raters: number;
  bins: TimelineBin[];
}

/**
 * Bins the live samples per element on a common grid of `binSeconds`. A rater's slider is a step
 * function: each (lag-shifted) sample holds its value until the rater's next sample on that element,
 * but never longer than `holdSeconds` (the client repeats an unchanged value every second, so a longer
 * silence means the rater was not rating). A rater's value in a bin is the time-weighted mean of that
 * step function over the part of the bin it covers; a bin it does not cover is a gap (NaN).
 */
function buildTimeline(
  input: ResultsInput,
  raters: Map<string, ParticipantRecord>,
  o: { binSeconds: number; lagSeconds: number; holdSeconds: number },
): { end: number; binCount: number; elements: Record<ElementId, BinnedElement> } {
  const raterIds = [...raters.keys()];
  const raterIndex = new Map(raterIds.map((id, i) => [id, i]));
  const elementIndex = new Map(ELEMENT_IDS.map((e, i) => [e, i]));
  const shift = (t: number) => Math.max(0, t - o.lagSeconds);

  // Per rater and element, the indexes of their samples (small integers: cheap for a million samples).
  const samples = input.samples;
  const series: number[][] = Array.from({ length: raterIds.length * ELEMENT_IDS.length }, () => []);
  let lastSample = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    const r = raterIndex.get(s.participantId);
    const e = elementIndex.get(s.element);
    if (r === undefined || e === undefined || !Number.isFinite(s.t) || !Number.isFinite(s.value)) continue;
    series[r * ELEMENT_IDS.length + e].push(i);
    lastSample = Math.max(lastSample, shift(s.t));
  }
  let lastMoment = 0;
  for (const m of input.moments) if (raterIndex.has(m.participantId) && Number.isFinite(m.t)) lastMoment = Math.max(lastMoment, shift(m.t));
  const known = input.duration !== null && Number.isFinite(input.duration) && input.duration > 0 ? input.duration : null;
  const end =
    known !== null
      ? Math.max(known, lastSample, lastMoment)
      : Math.max(lastMoment, series.some((list) => list.length) ? lastSample + o.holdSeconds : 0);
  const binCount = end > 0 ? Math.ceil(end / o.binSeconds) : 0;

  const elements = {} as Record<ElementId, BinnedElement>;
  ELEMENT_IDS.forEach((elementId, e) => {
    const matrix: Float64Array[] = [];
    for (let r = 0; r < raterIds.length; r++) {
      const list = series[r * ELEMENT_IDS.length + e];
      if (list.length === 0 || binCount === 0) continue;
      // Mostly in order already (seq follows the clock), so this sort is cheap. A tie goes to the later seq.
      list.sort((a, b) => samples[a].t - samples[b].t || samples[a].seq - samples[b].seq);
      const weighted = new Float64Array(binCount);
      const covered = new Float64Array(binCount);
      for (let i = 0; i < list.length; i++) {
        const next = i + 1 < list.length ? shift(samples[list[i + 1]].t) : Number.POSITIVE_INFINITY;
        const value = samples[list[i]].value;
        let a = shift(samples[list[i]].t);
        const b = Math.min(next, a + o.holdSeconds, end);
        while (a < b) {
          let k = Math.min(binCount - 1, Math.floor(a / o.binSeconds));
          if (k < binCount - 1 && (k + 1) * o.binSeconds <= a) k++; // floating-point edge
          const to = k === binCount - 1 ? b : Math.min(b, (k + 1) * o.binSeconds);
          if (!(to > a)) break;
          weighted[k] += value * (to - a);
          covered[k] += to - a;
          a = to;
        }
      }
      const row = new Float64Array(binCount).fill(Number.NaN);
      let any = false;
      for (let k = 0; k < binCount; k++) {
        if (covered[k] > 1e-9) {
          row[k] = weighted[k] / covered[k];
          any = true;
        }
      }
      if (any) matrix.push(row);
    }
    const bins: TimelineBin[] = [];
    for (let k = 0; k < binCount; k++) {
      const values: number[] = [];
      for (const row of matrix) if (!Number.isNaN(row[k])) values.push(row[k]);
      const stats = summarize(values);
      bins.push({
        start: k * o.binSeconds,
        end: Math.min((k + 1) * o.binSeconds, end),
        n: values.length,
        mean: stats?.mean ?? null,
        sd: stats?.sd ?? null,
        min: stats?.min ?? null,
        max: stats?.max ?? null,
      });
    }
    elements[elementId] = { matrix, raters: matrix.length, bins };
  });
  return { end, binCount, elements };
}

/**
 * The windows of `hotspotSeconds` (sliding by one bin) where raters differed most: the mean
 * between-rater SD over the window's bins that two or more raters rated, at least half of the
 * window. The top `count` windows that do not overlap, highest first.
 */
export function findHotspots(
  elementId: ElementId,
  bins: readonly TimelineBin[],
  binSeconds: number,
  hotspotSeconds: number,
  count: number,
  turnTimes: readonly number[] | null,
): Hotspot[] {
  if (count <= 0 || bins.length === 0) return [];
  const width = Math.min(bins.length, Math.max(1, Math.round(hotspotSeconds / binSeconds)));
  const needed = Math.ceil(width / 2);
  const candidates: { from: number; spread: number; meanRange: number; raters: number }[] = [];
  for (let from = 0; from + width <= bins.length; from++) {
    let sdSum = 0;
    let rangeSum = 0;
    let valid = 0;
    let most = 0;
    for (let k = from; k < from + width; k++) {
      const bin = bins[k];
      if (bin.sd === null) continue;
      sdSum += bin.sd;
      rangeSum += (bin.max ?? 0) - (bin.min ?? 0);
      valid++;
      most = Math.max(most, bin.n);
    }
    if (valid < needed || sdSum <= 0) continue;
    candidates.push({ from, spread: sdSum / valid, meanRange: rangeSum / valid, raters: most });
  }
  candidates.sort((a, b) => b.spread - a.spread || a.from - b.from);
  const chosen: typeof candidates = [];
  for (const c of candidates) {
    if (chosen.length >= count) break;
    if (chosen.some((x) => Math.abs(x.from - c.from) < width)) continue;
    chosen.push(c);
  }
  return chosen.map((c) => ({
    elementId,
    start: bins[c.from].start,
    end: bins[c.from + width - 1].end,
    spread: c.spread,
    meanRange: c.meanRange,
    raters: c.raters,
    turnIndex: turnTimes ? turnAt(turnTimes, bins[c.from].start) : null,
  }));
}

/**
 * Ticks for one element's moments. With turns known, the marks made during the same turn form a
 * cluster; without, marks within `clusterSeconds` of a cluster's first mark join it.
 */
export function clusterMoments(
  moments: readonly { participantId: string; t: number; behaviourId?: string }[],
  turnTimes: readonly number[] | null,
  clusterSeconds: number = RESULT_DEFAULTS.clusterSeconds,
): MomentCluster[] {
  const sorted = [...moments].sort((a, b) => a.t - b.t);
  const groups: { turnIndex: number | null; marks: typeof sorted }[] = [];
  for (const m of sorted) {
    const turnIndex = turnTimes ? turnAt(turnTimes, m.t) : null;
    const current = groups[groups.length - 1];
    const joins = current
      ? turnTimes
        ? current.turnIndex === turnIndex
        : m.t - current.marks[0].t <= clusterSeconds
      : false;
    if (joins) current.marks.push(m);
    else groups.push({ turnIndex, marks: [m] });
  }
  return groups.map(({ turnIndex, marks }) => {
    const byBehaviour = new Map<string, Set<string>>();
    for (const m of marks) {
      if (!m.behaviourId) continue;
      const set = byBehaviour.get(m.behaviourId) ?? new Set<string>();
      set.add(m.participantId);
      byBehaviour.set(m.behaviourId, set);
    }
    return {
      t: mean(marks.map((m) => m.t)),
      from: marks[0].t,
      to: marks[marks.length - 1].t,
      turnIndex,
      raters: new Set(marks.map((m) => m.participantId)).size,
      count: marks.length,
      behaviours: [...byBehaviour]
        .map(([id, set]) => ({ id, raters: set.size }))
        .sort((a, b) => b.raters - a.raters || a.id.localeCompare(b.id)),
    };
  });
}

// ---- Agreement ----

export function agreementBand(alpha: number): AgreementBand {
  if (alpha >= 0.8) return "betrouwbaar";
  if (alpha >= 0.667) return "voorlopig";
  return "verschillend";
}

function describeAgreement(result: AlphaResult, binSeconds: number): Agreement {
  const base = { raters: result.coders, bins: result.units };
  if (result.alpha === null) {
    const line =
      result.reason === "no-variation"
        ? "Geen alpha: iedereen gaf steeds dezelfde waarde, dus er valt geen overeenstemming te meten."
        : "Geen alpha: er was geen tijdvak waarin minstens twee mensen dit element live beoordeelden.";
    return { ...base, alpha: null, band: null, line, caution: null };
  }
  const band = agreementBand(result.alpha);
  const value = formatNumber(result.alpha, 2);
  const line = {
    betrouwbaar: `Alpha ${value}: de groep beoordeelde dit element live grotendeels eensgezind (betrouwbaar, vanaf 0,80).`,
    voorlopig: `Alpha ${value}: redelijke overeenstemming, maar voorlopig (tussen 0,667 en 0,80).`,
    verschillend: `Alpha ${value}: de groep ziet het verschillend. Dat is de moeite van bespreken waard.`,
  }[band];
  const caution =
    result.coders < RESULT_DEFAULTS.alphaCautionRaters
      ? `Gebaseerd op ${result.coders} beoordelaars en ${result.units} tijdvakken van ${formatPlain(binSeconds)} seconden. ` +
        "Met zo weinig beoordelaars schommelt alpha sterk: lees het als aanleiding voor gesprek."
      : null;
  return { ...base, alpha: result.alpha, band, line, caution };
}

// ---- Behaviours ----

function tallyBehaviours(
  elementId: ElementId,
  behaviours: ResultsInput["behaviours"],
  finalEntries: { p: ParticipantRecord; f: FinalRating }[],
  moments: { participantId: string; behaviourId?: string }[],
): ElementResult["behaviours"] {
  const counts: BehaviourCount[] = behaviours
    .filter((b) => b.elementId === elementId)
    .map((b) => {
      const viaFinal = new Set(finalEntries.filter(({ f }) => f.observed.includes(b.id)).map(({ p }) => p.id));
      const viaMoment = new Set(moments.filter((m) => m.behaviourId === b.id).map((m) => m.participantId));
      return { id: b.id, raters: new Set([...viaFinal, ...viaMoment]).size, inFinal: viaFinal.size, inMoments: viaMoment.size };
    });
  return {
    // Stable sort keeps the content order among equal counts.
    seen: counts.filter((c) => c.raters > 0).sort((a, b) => b.raters - a.raters),
    unseen: counts.filter((c) => c.raters === 0).map((c) => c.id),
  };
}

// ---- Reference moments ----

/**
 * A reference moment counts as marked when a rater's (lag-shifted) mark falls in its window: from
 * `momentBefore` s before the reference turn to `momentAfterNextTurn` s after the next turn starts.
 * "gedrag": the mark names the same behaviour. "element": a mark on the same element that names no
 * behaviour, or one that is not itself another reference moment in reach (that mark is counted there).
 */
export function matchReferenceMoments(
  reference: ReferenceInput,
  behaviours: ResultsInput["behaviours"],
  moments: readonly { participantId: string; t: number; element: ElementId; behaviourId?: string }[],
  finalEntries: readonly { p: ParticipantRecord; f: FinalRating }[],
  turnTimes: readonly number[] | null,
): { marked: ReferenceMomentResult[]; missed: ReferenceMomentResult[] } {
  const elementOf = new Map(behaviours.map((b) => [b.id, b.elementId]));
  const windows = reference.moments.map((ref) => {
    const next = turnTimes && ref.turnIndex + 1 < turnTimes.length ? turnTimes[ref.turnIndex + 1] : null;
    return {
      ref,
      from: Math.max(0, ref.t - RESULT_DEFAULTS.momentBefore),
      to: next !== null ? next + RESULT_DEFAULTS.momentAfterNextTurn : ref.t + RESULT_DEFAULTS.momentWithoutNextTurn,
    };
  });
  const results = windows.map(({ ref, from, to }): ReferenceMomentResult => {
    const elementId = elementOf.get(ref.id) ?? null;
    const inWindow = moments.filter((m) => m.t >= from && m.t <= to);
    const byBehaviour = new Set(inWindow.filter((m) => m.behaviourId === ref.id).map((m) => m.participantId));
    const claimedElsewhere = (m: (typeof inWindow)[number]) =>
      m.behaviourId !== undefined &&
      windows.some((w) => w.ref !== ref && w.ref.id === m.behaviourId && m.t >= w.from && m.t <= w.to);
    const byElement = new Set(
      inWindow
        .filter((m) => elementId !== null && m.element === elementId && m.behaviourId !== ref.id && !claimedElsewhere(m))
        .map((m) => m.participantId),
    );
    const match: MomentMatch | null = byBehaviour.size > 0 ? "gedrag" : byElement.size > 0 ? "element" : null;
    return {
      turnIndex: ref.turnIndex,
      t: ref.t,
      id: ref.id,
      elementId,
      effect: ref.effect,
      from,
      to,
      match,
      raters: match === "gedrag" ? byBehaviour.size : byElement.size,
      inFinal: finalEntries.filter(({ f }) => f.observed.includes(ref.id)).length,
    };
  });
  return { marked: results.filter((r) => r.match !== null), missed: results.filter((r) => r.match === null) };
}
