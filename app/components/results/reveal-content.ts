// What ResultsView needs from content/, shaped in a loader (plain data, safe to send to the
// browser).
import type { Content } from "~/content.server";
import type { ElementId } from "~/core/domain";

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
