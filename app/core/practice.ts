// Self-study: compares a professional's rating of a vignette with the vignette's reference rating,
// and picks the tips that speak to the difference.
import { clientViewDifference } from "./client-view";
import { ELEMENT_IDS, type ElementId, NEGATIVE_ELEMENT, type Scores } from "./domain";

export interface ReferenceMoment {
  id: string;
  effect: "versterkt" | "belast";
  note: string;
  turnIndex: number;
  t: number;
}

export interface BehaviourInfo {
  id: string;
  elementId: ElementId;
  label: string;
}

export interface TipInfo {
  id: string;
  number: number;
  title: string;
  elements: ElementId[];
  behaviours: string[];
}

/** A difference of at most this many points counts as close to the reference. */
export const CLOSE_ENOUGH = 1;
/** From this many points on, the difference is worth a tip. */
export const LARGE_DIFFERENCE = 2;

export interface ElementComparison {
  elementId: ElementId;
  mine: number;
  reference: number;
  difference: number;
  verdict: "dichtbij" | "hoger" | "lager";
  /** Plain Dutch, aware that stroefheid is the negative element. */
  sentence: string;
  /** The casus's written client view (decision 019); null without one. */
  clientView: number | null;
  /** Where the client view differs from the expert reference by more than a point, in Dutch. */
  clientNote: string | null;
}

export interface ComparedMoment extends ReferenceMoment {
  label: string;
  elementId: ElementId;
}

export interface TipSuggestion {
  tipId: string;
  reasons: string[];
}

export interface PracticeComparison {
  elements: ElementComparison[];
  /** Reference moments whose behaviour or signal the professional did not tick. */
  missed: ComparedMoment[];
  /** Reference moments the professional did tick. */
  seen: ComparedMoment[];
  /** Ticked ids that the reference does not mark in this gesprek. */
  extra: BehaviourInfo[];
  tips: TipSuggestion[];
}

function sentenceFor(elementId: ElementId, name: string, difference: number): string {
  if (Math.abs(difference) <= CLOSE_ENOUGH) return `Bij ${name} zit je dicht bij de vakreferentie.`;
  const higher = difference > 0;
  const points = `${Math.abs(difference)} punt${Math.abs(difference) === 1 ? "" : "en"}`;
  if (elementId === NEGATIVE_ELEMENT) {
    return higher
      ? `Je ziet ${points} meer stroefheid dan de vakreferentie. Wat maakte het gesprek voor jou stroef?`
      : `Je ziet ${points} minder stroefheid dan de vakreferentie. Welke signalen van weerstand gingen aan je voorbij?`;
  }
  return higher
    ? `Je beoordeelt ${name} ${points} hoger dan de vakreferentie. Wat zag jij dat de vakreferentie anders woog?`
    : `Je beoordeelt ${name} ${points} lager dan de vakreferentie. Welk gedrag woog voor jou zwaarder?`;
}

export function comparePractice(input: {
  mine: Scores;
  observed: string[];
  reference: Scores;
  clientView?: Scores;
  referenceMoments: ReferenceMoment[];
  behaviours: BehaviourInfo[];
  tips: TipInfo[];
  elementNames: Record<ElementId, string>;
}): PracticeComparison {
  const behaviourById = new Map(input.behaviours.map((b) => [b.id, b]));
  const observed = new Set(input.observed.filter((id) => behaviourById.has(id)));

  const elements = ELEMENT_IDS.map((elementId): ElementComparison => {
    const mine = input.mine[elementId];
    const reference = input.reference[elementId];
    const difference = mine - reference;
    return {
      elementId,
      mine,
      reference,
      difference,
      verdict: Math.abs(difference) <= CLOSE_ENOUGH ? "dichtbij" : difference > 0 ? "hoger" : "lager",
      sentence: sentenceFor(elementId, input.elementNames[elementId], difference),
      clientView: input.clientView ? input.clientView[elementId] : null,
      clientNote: input.clientView
        ? clientViewDifference(elementId, input.elementNames[elementId].toLowerCase(), { reference, clientView: input.clientView[elementId] })
        : null,
    };
  });

  const missed: ComparedMoment[] = [];
  const seen: ComparedMoment[] = [];
  for (const moment of input.referenceMoments) {
    const info = behaviourById.get(moment.id);
    if (!info) continue;
    const compared = { ...moment, label: info.label, elementId: info.elementId };
    (observed.has(moment.id) ? seen : missed).push(compared);
  }
  const inReference = new Set(input.referenceMoments.map((m) => m.id));
  const extra = [...observed].filter((id) => !inReference.has(id)).map((id) => behaviourById.get(id)!);

  const missedIds = new Set(missed.map((m) => m.id));
  const suggestions = input.tips
    .map((tip) => {
      const reasons: string[] = [];
      let weight = 0;
      for (const id of tip.behaviours) {
        if (missedIds.has(id)) {
          reasons.push(`Je miste "${behaviourById.get(id)!.label}", waar deze tip over gaat.`);
          weight += 2;
        }
      }
      for (const e of elements) {
        if (Math.abs(e.difference) >= LARGE_DIFFERENCE && tip.elements.includes(e.elementId)) {
          reasons.push(`Bij ${input.elementNames[e.elementId]} verschil je ${Math.abs(e.difference)} punten met de vakreferentie.`);
          weight += 1;
        }
      }
      return { tipId: tip.id, number: tip.number, reasons, weight };
    })
    .filter((s) => s.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.number - b.number)
    .map(({ tipId, reasons }) => ({ tipId, reasons }));

  return { elements, missed, seen, extra, tips: suggestions };
}
