// What ResultsView needs from content/, shaped in a loader (plain data, safe to send to the
// browser), and a check for results that arrive over the socket as `unknown`.
import type { Content } from "~/content.server";
import { ELEMENT_IDS, type ElementId } from "~/core/domain";
import type { RevealResults } from "~/core/results";

export interface TipInfo {
  id: string;
  number: number;
  title: string;
  /** The tip's text; shown under the title when given. */
  body?: string;
  /** The elements the tip helps with: links to /kompas/:element when no rule names one. */
  elements?: ElementId[];
  /** The modules that cover the tip: links to /modules/:slug. */
  modules?: { slug: string; title: string }[];
}

export interface RevealContent {
  tipInfo: TipInfo[];
  elementNames: Record<ElementId, string>;
  behaviourLabels: Record<string, string>;
}

/** The content props of ResultsView, from the loaded content. Call it in a loader. */
export function revealContent(content: Pick<Content, "tips" | "modules" | "elements" | "behaviourIndex">): RevealContent {
  return {
    tipInfo: content.tips.map((tip) => ({
      id: tip.id,
      number: tip.number,
      title: tip.title,
      body: tip.body,
      elements: [...tip.elements],
      modules: content.modules.filter((m) => m.covers.tips.includes(tip.id)).map((m) => ({ slug: m.slug, title: m.title })),
    })),
    elementNames: Object.fromEntries(content.elements.elements.map((e) => [e.id, e.name])) as Record<ElementId, string>,
    behaviourLabels: Object.fromEntries([...content.behaviourIndex].map(([id, b]) => [id, b.label])),
  };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null;

/**
 * True when `value` has the shape computeResults returns (checked on the fields ResultsView reads
 * first), so a page can show "not available" instead of crashing on an older or broken payload.
 */
export function isRevealResults(value: unknown): value is RevealResults {
  if (!isObject(value) || typeof value.raterCount !== "number" || !Array.isArray(value.elements)) return false;
  if (!isObject(value.timeline) || typeof value.timeline.binSeconds !== "number" || !Array.isArray(value.hotspots)) return false;
  const ids = value.elements.map((e) => (isObject(e) ? e.elementId : null));
  if (ids.length !== ELEMENT_IDS.length || !ELEMENT_IDS.every((id) => ids.includes(id))) return false;
  return value.elements.every(
    (e) =>
      isObject(e) &&
      Array.isArray(e.scores) &&
      isObject(e.agreement) &&
      isObject(e.behaviours) &&
      isObject(e.timeline) &&
      Array.isArray(e.timeline.bins),
  );
}
