// What the group writes at the end, made safe to show: learning points without names in an order
// that says nothing about who wrote them, and the texts that look like personal data flagged for the
// host (which item, what kind; never the text itself). Pure: no I/O, no clock, no randomness.
import { ELEMENT_IDS, type ElementId, THEME_IDS, type ThemeId } from "./domain";
import { formatClock } from "./format";
import { findPersonalData, PERSONAL_DATA_LABELS, type PersonalDataKind } from "./personal-data";
import type {
  AnonymousLearningPoint,
  FinalRating,
  FlaggedItemKind,
  MomentMark,
  ParticipantRecord,
  PersonalDataFlag,
  Reflection,
} from "./protocol";
import { ELEMENT_NAMES } from "./results";

export const THEME_LABELS: Record<ThemeId, string> = {
  ervaringen: "Ervaringen",
  behoeften: "Behoeften",
  toekomst: "Toekomst",
};

/** FNV-1a, 32 bit: a fixed, well-spread order from the text alone. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The learning points of the participants who were not removed, numbered 1, 2, 3 …, without names.
 * The order follows a hash of the text: it looks shuffled, stays the same between snapshots, and
 * depends on nothing but what is shown, so neither join order nor ids can be read from it.
 */
export function anonymousLearningPoints(reflections: readonly Reflection[], participants: readonly Pick<ParticipantRecord, "id" | "removed">[]): AnonymousLearningPoint[] {
  const present = new Set(participants.filter((p) => !p.removed).map((p) => p.id));
  const items = reflections
    .filter((r) => present.has(r.participantId))
    .map((r) => {
      const themes: Partial<Record<ThemeId, string>> = {};
      for (const id of THEME_IDS) if (r.themes?.[id]) themes[id] = r.themes[id];
      const key = `${r.learningPoint}\n${r.action}\n${THEME_IDS.map((id) => themes[id] ?? "").join("\n")}`;
      return { hash: fnv1a(key), key, learningPoint: r.learningPoint, action: r.action, themes };
    })
    .sort((a, b) => a.hash - b.hash || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return items.map((x, i) => ({ number: i + 1, learningPoint: x.learningPoint, action: x.action, themes: x.themes }));
}

/**
 * How far the group is with the reflection, for the host before closing: "Nog 2 van 5 bezig" until
 * everyone wrote a learning point and filled in the evaluation.
 */
export function reflectionProgress(view: { finished: number; participants: number }): { busy: number; done: boolean; text: string } {
  const busy = Math.max(0, view.participants - view.finished);
  if (view.participants === 0) return { busy, done: true, text: "Er doet niemand mee." };
  return busy === 0
    ? { busy, done: true, text: `Iedereen is klaar: ${view.participants} van ${view.participants}` }
    : { busy, done: false, text: `Nog ${busy} van ${view.participants} bezig` };
}

function kindsOf(text: string | undefined): PersonalDataKind[] {
  if (!text) return [];
  return [...new Set(findPersonalData(text).map((f) => f.kind))];
}

/** "lijkt een telefoonnummer en een e-mailadres te bevatten" */
export function describeKinds(kinds: readonly PersonalDataKind[]): string {
  const labels = kinds.map((k) => PERSONAL_DATA_LABELS[k]);
  const list = labels.length <= 1 ? (labels[0] ?? "") : `${labels.slice(0, -1).join(", ")} en ${labels[labels.length - 1]}`;
  return `lijkt ${list} te bevatten`;
}

/** What the report and the exports show instead of a flagged text the host did not choose to include. */
export function withheldText(kinds: readonly PersonalDataKind[]): string {
  return `[weggelaten: ${describeKinds(kinds)}]`;
}

export interface FlagInput {
  participants: readonly ParticipantRecord[];
  finals: readonly FinalRating[];
  moments: readonly MomentMark[];
  /** Already anonymous and numbered (anonymousLearningPoints). */
  learningPoints: readonly AnonymousLearningPoint[];
  /** How a participant is named in the labels: the session's display name for the host, the pseudonym in the report. */
  nameOf: (p: ParticipantRecord) => string;
  elementNames?: Partial<Record<ElementId, string>>;
}

/**
 * Every note and learning point that looks like it holds personal data (the foundation's detector),
 * as "which item, what kind". Participants the host removed are left out, as everywhere else.
 */
export function personalDataFlags(input: FlagInput): PersonalDataFlag[] {
  const names = { ...ELEMENT_NAMES, ...input.elementNames };
  const byId = new Map(input.participants.filter((p) => !p.removed).map((p) => [p.id, p]));
  const flags: PersonalDataFlag[] = [];
  const flag = (item: string, itemKind: FlaggedItemKind, label: string, text: string | undefined) => {
    const kinds = kindsOf(text);
    if (kinds.length) flags.push({ item, itemKind, label, kinds, message: describeKinds(kinds) });
  };
  for (const final of input.finals) {
    const p = byId.get(final.participantId);
    if (!p || !final.notes) continue;
    for (const e of ELEMENT_IDS) {
      flag(`final-note:${p.pseudonym}:${e}`, "final-note", `Notitie van ${input.nameOf(p)} bij ${names[e]} (eindoordeel)`, final.notes[e]);
    }
  }
  const moments = [...input.moments].sort((a, b) => a.t - b.t || a.seq - b.seq);
  for (const m of moments) {
    const p = byId.get(m.participantId);
    if (!p) continue;
    flag(`moment-note:${p.pseudonym}:${m.seq}`, "moment-note", `Notitie van ${input.nameOf(p)} bij een moment op ${formatClock(m.t)} (${names[m.element]})`, m.note);
  }
  for (const lp of input.learningPoints) {
    flag(`learning-point:${lp.number}`, "learning-point", `Leerpunt ${lp.number}`, lp.learningPoint);
    flag(`action:${lp.number}`, "action", `Actie bij leerpunt ${lp.number}`, lp.action);
    for (const id of THEME_IDS) flag(`theme:${lp.number}:${id}`, "theme", `${THEME_LABELS[id]} bij leerpunt ${lp.number}`, lp.themes[id]);
  }
  return flags;
}
