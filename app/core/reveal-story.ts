// The reveal told in plain Dutch: one headline per element that says what matters (does the group
// agree, did arbeidsdeskundigen and ervaringsdeskundigen see it differently, where is the
// reference), and the words behind the "details" (median, spread, alpha) for a room that is not
// fluent in statistics. Pure: RevealResults in, sentences out. The thresholds are argued in
// docs/decisions/012-reveal-as-a-group-moment.md.
import type { ElementId } from "./domain";
import { type ElementResult, formatNumber, formatPlain, type RaterRole, type RevealResults } from "./results";

/** How the group's final scores for one element lie. */
export type StoryKind = "leeg" | "weinig" | "eens" | "grotendeels-eens" | "dichtbij" | "oneens";

export interface ElementStory {
  elementId: ElementId;
  kind: StoryKind;
  /** The one line the room reads first. */
  headline: string;
  /** What the group's scores did, when the headline is about something else (the role gap). */
  agreement: string | null;
  /** The role gap in words, when it is large enough to mention and the session shows roles apart. */
  roleGap: string | null;
  /** The reference beside the group, when the casus has one. */
  reference: string | null;
  /**
   * The written client view, named as the makers' estimate, and beside it the ervaringsdeskundigen
   * in the room (the real client view) where their mean may be shown (decision 019).
   */
  clientView: string | null;
  /** Stroefheid only: that higher is worse, and how much friction the group saw. */
  direction: string | null;
}

export const STORY_RULES = {
  /** All scores within this many points: "de groep is het eens". */
  agree: 1,
  /** At least this share of the scores within `agree` points: "bijna iedereen". */
  mostShare: 0.75,
  /** Needs this many scores before "bijna iedereen" means anything. */
  mostMin: 4,
  /** A range of this many points or more: "de groep is het oneens". */
  disagree: 4,
  /** Below this many scores there is no claim about agreement, only the scores. */
  fewScores: 3,
  /** A reference within this many points of the group mean is "ongeveer gelijk". */
  referenceSame: 0.5,
  /** Stroefheid means up to this are "weinig", from `stroefHigh` "veel". */
  stroefLow: 3,
  stroefHigh: 7,
} as const;

const ROLE_PLURAL: Record<RaterRole, string> = {
  arbeidsdeskundige: "arbeidsdeskundigen",
  ervaringsdeskundige: "ervaringsdeskundigen",
};

/** "7", "7 of 8", "6, 7 of 8": the distinct scores in a window, as people say them. */
function orList(values: number[]): string {
  const list = [...new Set(values)].sort((a, b) => a - b).map(formatPlain);
  if (list.length === 1) return list[0];
  return `${list.slice(0, -1).join(", ")} of ${list[list.length - 1]}`;
}

/** The scores inside the best window `agree` points wide: the most scores, the lowest window on a tie. */
function densestWindow(values: number[]): number[] {
  let best: number[] = [];
  for (const lo of [...new Set(values)].sort((a, b) => a - b)) {
    const inside = values.filter((v) => v >= lo && v <= lo + STORY_RULES.agree);
    if (inside.length > best.length) best = inside;
  }
  return best;
}

function stroefLevel(mean: number): string {
  if (mean <= STORY_RULES.stroefLow) return "weinig stroefheid";
  if (mean >= STORY_RULES.stroefHigh) return "veel stroefheid";
  return "enige stroefheid";
}

function agreementLine(element: ElementResult, name: string): { kind: StoryKind; line: string } {
  const values = element.scores.map((s) => s.value);
  const s = element.summary;
  if (!s || values.length === 0) return { kind: "leeg", line: `Voor ${name} gaf niemand een eindscore.` };
  if (values.length === 1) return { kind: "weinig", line: `Voor ${name} is er één eindscore: ${formatPlain(values[0])}.` };
  if (values.length < STORY_RULES.fewScores) {
    const [a, b] = [...values].sort((x, y) => x - y);
    return {
      kind: "weinig",
      line: a === b ? `Bij ${name} gaven beide beoordelaars ${formatPlain(a)}.` : `Bij ${name} gaven de twee beoordelaars ${formatPlain(a)} en ${formatPlain(b)}.`,
    };
  }
  const range = s.max - s.min;
  if (range <= STORY_RULES.agree) {
    return { kind: "eens", line: `Over ${name} is de groep het eens: iedereen gaf ${orList(values)}.` };
  }
  const dense = densestWindow(values);
  const outside = values.length - dense.length;
  if (values.length >= STORY_RULES.mostMin && dense.length / values.length >= STORY_RULES.mostShare) {
    const rest = values.filter((v) => !dense.includes(v));
    const others = outside === 1 ? `één gaf ${formatPlain(rest[0])}` : `${outside} anderen gaven ${orList(rest)}`;
    return { kind: "grotendeels-eens", line: `Over ${name} is de groep het grotendeels eens: bijna iedereen gaf ${orList(dense)}, ${others}.` };
  }
  if (range >= STORY_RULES.disagree) {
    return { kind: "oneens", line: `Over ${name} is de groep het oneens: van ${formatPlain(s.min)} tot ${formatPlain(s.max)}.` };
  }
  return { kind: "dichtbij", line: `Over ${name} liggen de scores dicht bij elkaar: van ${formatPlain(s.min)} tot ${formatPlain(s.max)}.` };
}

function roleGapLine(element: ElementResult, name: string, rolesShown: boolean): string | null {
  const gap = element.gap;
  if (!rolesShown || !gap || !gap.large) return null;
  const edHigher = gap.gap > 0;
  const [higher, lower]: RaterRole[] = edHigher ? ["ervaringsdeskundige", "arbeidsdeskundige"] : ["arbeidsdeskundige", "ervaringsdeskundige"];
  const [hi, lo] = edHigher
    ? [gap.ervaringsdeskundigeMean, gap.arbeidsdeskundigeMean]
    : [gap.arbeidsdeskundigeMean, gap.ervaringsdeskundigeMean];
  const what = element.negative ? "zagen meer stroefheid dan" : `gaven ${name} hoger dan`;
  return `De ${ROLE_PLURAL[higher]} ${what} de ${ROLE_PLURAL[lower]}: gemiddeld ${formatNumber(hi)} tegen ${formatNumber(lo)}.`;
}

function referenceLine(element: ElementResult): string | null {
  const ref = element.reference;
  if (!ref) return null;
  const score = `De vakreferentie geeft ${formatPlain(ref.score)}`;
  if (ref.groupMean === null || ref.difference === null) return `${score}.`;
  const group = `de groep gemiddeld ${formatNumber(ref.groupMean)}`;
  const diff = Math.abs(ref.difference);
  if (diff < STORY_RULES.referenceSame) return `${score}, ${group}: ongeveer gelijk.`;
  const more = ref.difference > 0;
  const how = element.negative
    ? `de groep zag ${formatNumber(diff)} punt ${more ? "meer" : "minder"} stroefheid`
    : `de groep zit ${formatNumber(diff)} punt ${more ? "hoger" : "lager"}`;
  return `${score}, ${group}: ${how}.`;
}

function clientViewLine(element: ElementResult): string | null {
  const ref = element.reference;
  if (!ref || ref.clientView === null || ref.clientView === undefined) return null;
  const written = `De cliëntblik, geschreven door de makers, geeft ${formatPlain(ref.clientView)}`;
  if (ref.edMean === null || ref.edMean === undefined) return `${written}.`;
  return `${written}; de ervaringsdeskundigen hier, de echte cliëntblik, gaven gemiddeld ${formatNumber(ref.edMean)}.`;
}

/** The story of one element. Its role gap leads when it is large: that is the learning signal. */
export function elementStory(element: ElementResult, results: Pick<RevealResults, "rolesShown">, name = element.name): ElementStory {
  const { kind, line } = agreementLine(element, name);
  const roleGap = roleGapLine(element, name, results.rolesShown);
  const direction =
    element.negative && element.summary
      ? `Hoger is stroever. De groep zag gemiddeld ${stroefLevel(element.summary.mean)} (${formatNumber(element.summary.mean)} van 10).`
      : element.negative
        ? "Hoger is stroever."
        : null;
  return {
    elementId: element.elementId,
    kind,
    headline: roleGap ?? line,
    agreement: roleGap ? line : null,
    roleGap,
    reference: referenceLine(element),
    clientView: clientViewLine(element),
    direction,
  };
}

/** The first screen's line: how many people rated, and the element they disagreed on most. */
export function overviewHeadline(results: RevealResults, names: Partial<Record<ElementId, string>> = {}): string {
  const n = results.raterCount;
  if (n === 0) return "Er zijn nog geen eindscores.";
  const who = n === 1 ? "Eén beoordelaar" : `${n} beoordelaars`;
  if (n < STORY_RULES.fewScores) return `${who}: zie de scores als begin van het gesprek.`;
  const rated = results.elements.filter((e) => e.summary !== null);
  const widest = [...rated].sort((a, b) => b.summary!.max - b.summary!.min - (a.summary!.max - a.summary!.min))[0];
  if (!widest) return `${who}.`;
  const range = widest.summary!.max - widest.summary!.min;
  const name = names[widest.elementId] ?? widest.name;
  if (range >= STORY_RULES.disagree) {
    return `${who}. Het verst uiteen over ${name}: van ${formatPlain(widest.summary!.min)} tot ${formatPlain(widest.summary!.max)}.`;
  }
  return `${who}. Over alle vier de elementen liggen de scores dicht bij elkaar.`;
}

/** The spread of the final scores in words: what the standard deviation says. */
export function spreadInWords(sd: number | null): string | null {
  if (sd === null) return null;
  const how = sd < 1 ? "dicht bij elkaar" : sd < 2 ? "wat uit elkaar" : "ver uit elkaar";
  return `De scores liggen ${how}: gemiddeld ${formatNumber(sd)} punt van het gemiddelde af (standaardafwijking).`;
}

/** Alpha in words: how alike the group rated during the gesprek, live, moment by moment. */
export function agreementInWords(element: ElementResult): string {
  const a = element.agreement;
  if (a.alpha === null || a.band === null) {
    return "Tijdens het gesprek beoordeelden te weinig mensen dit element tegelijk om te zeggen hoe eens de groep het live was.";
  }
  const how = {
    betrouwbaar: "Tijdens het gesprek bewoog de groep grotendeels samen op",
    voorlopig: "Tijdens het gesprek bewoog de groep redelijk samen op",
    verschillend: "Tijdens het gesprek zag de groep het moment voor moment verschillend",
  }[a.band];
  return `${how} (alpha ${formatNumber(a.alpha, 2)}; 1 is helemaal eens, 0 is toeval).`;
}

/**
 * The role a shared screen may draw for a rater: null (a neutral "part of the group" dot) when the
 * session keeps the roles together, the role is hidden, or that role's group is a single person
 * whom a mark would single out.
 */
export function visibleRole(
  results: Pick<RevealResults, "rolesShown" | "elements">,
  role: RaterRole | null | undefined,
): RaterRole | null {
  if (!results.rolesShown || !role) return null;
  const hidden = results.elements.some((e) => e.roles && e.roles[role] && e.roles[role].n > 0 && !e.roles[role].shown);
  return hidden ? null : role;
}
