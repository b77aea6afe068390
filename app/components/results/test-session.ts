// A small hand-made session for the reveal's render tests (ResultsView, RevealPresentation): the
// real computeResults over five raters, with the real tip rules and content. Test code only.
import { loadContent } from "~/content.server";
import type { ElementId } from "~/core/domain";
import type { FinalRating, LiveSample, MomentMark, ParticipantRecord, ParticipantRole, SessionSettings } from "~/core/protocol";
import { computeResults, type ResultsInput, type RevealResults } from "~/core/results";
import { loadTipRules } from "~/tip-rules.server";
import { revealContent } from "./reveal-content";

const CONTENT = new URL("../../../content", import.meta.url).pathname;
export const content = loadContent(CONTENT);
export const RULES = loadTipRules(CONTENT);
export const PROPS = revealContent(content);
export const BEHAVIOURS = [...content.behaviourIndex].map(([id, b]) => ({ id, elementId: b.elementId }));

export const SETTINGS: SessionSettings = { separateRoles: true, nameDisplay: "pseudoniemen", allowSingleRaterGroup: false };

export function person(id: string, role: ParticipantRole, name = `Naam ${id}`): ParticipantRecord {
  return { id, name, role, pseudonym: `Beoordelaar ${id}`, focus: null, joinedAt: 0, removed: false };
}

/** Scores in the order vertrouwen, richting-kader, binding, stroefheid. */
export function final(participantId: string, [v, rk, b, s]: number[]): FinalRating {
  return { participantId, scores: { vertrouwen: v, "richting-kader": rk, binding: b, stroefheid: s }, observed: [], submittedAt: 1 };
}

let seq = 0;
/** One sample a second from `from` to `to` inclusive (the client's 1 Hz repeat). */
function steady(participantId: string, element: ElementId, from: number, to: number, value: number): LiveSample[] {
  const out: LiveSample[] = [];
  for (let t = from; t <= to; t++) out.push({ participantId, element, t, value, seq: ++seq });
  return out;
}

function mark(participantId: string, t: number, element: ElementId, behaviourId?: string): MomentMark {
  return { participantId, t, element, behaviourId, seq: ++seq };
}

// Five raters. Vertrouwen: ADs 5, 6, 7 and ervaringsdeskundigen 8, 9 (means 6,0 and 8,5: a gap of
// 2,5). Richting & Kader: 4,3 against 5,0 (no line). Stroefheid: 3,0 against 6,0 (3 points more
// friction on the client side). Live, only vertrouwen: a1 and e1 agree except from 0:10 to 0:25
// (6 against 2), and nobody rated from 0:30 to 0:40.
export const GROUP = [
  person("a1", "arbeidsdeskundige"),
  person("a2", "arbeidsdeskundige"),
  person("a3", "arbeidsdeskundige"),
  person("e1", "ervaringsdeskundige"),
  person("e2", "ervaringsdeskundige"),
];
export const FINALS = [
  final("a1", [5, 4, 6, 2]),
  final("a2", [6, 4, 6, 3]),
  final("a3", [7, 5, 6, 4]),
  final("e1", [8, 5, 6, 6]),
  final("e2", [9, 5, 7, 6]),
];
const SAMPLES = [
  ...steady("a1", "vertrouwen", 0, 27, 6),
  ...steady("a1", "vertrouwen", 40, 59, 6),
  ...steady("e1", "vertrouwen", 0, 9, 6),
  ...steady("e1", "vertrouwen", 10, 24, 2),
  ...steady("e1", "vertrouwen", 25, 27, 6),
  ...steady("e1", "vertrouwen", 40, 59, 7),
];
const MOMENTS = [mark("a1", 12, "vertrouwen", "veilige-sfeer"), mark("e1", 13, "vertrouwen", "veilige-sfeer")];

export function session(partial: Partial<ResultsInput> = {}): RevealResults {
  return computeResults({
    participants: GROUP,
    finals: FINALS,
    samples: SAMPLES,
    moments: MOMENTS,
    duration: 60,
    settings: SETTINGS,
    behaviours: BEHAVIOURS,
    turns: [{ t: 0 }, { t: 10 }, { t: 20 }, { t: 40 }],
    elementNames: PROPS.elementNames,
    reference: {
      scores: { vertrouwen: 7, "richting-kader": 6, binding: 6, stroefheid: 3 },
      clientView: { vertrouwen: 5, "richting-kader": 4, binding: 6, stroefheid: 5 },
      moments: [
        { turnIndex: 1, t: 10, id: "veilige-sfeer", effect: "versterkt" },
        { turnIndex: 3, t: 40, id: "empathie", effect: "versterkt" },
      ],
    },
    ...partial,
  });
}

/** Text as a reader gets it: tags gone, entities decoded, soft hyphens dropped. */
export function text(html: string): string {
  return html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/\u00ad/g, "")
    .replace(/\s+/g, " ");
}
