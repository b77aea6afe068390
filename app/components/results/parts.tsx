// The small pieces every section of the reveal shares: the render context, headings, jumps into
// the gesprek, quoted turns and folds. Server-renderable; buttons only where a handler is given.
import { createElement, type ReactNode } from "react";
import { ELEMENT_IDS, type ElementId } from "~/core/domain";
import { formatClock } from "~/core/format";
import type { RevealResults } from "~/core/results";

export type ResultsMode = "screen" | "print" | "projector";

export type Level = 2 | 3 | 4 | 5;

export function Heading({ level, id, className, children }: { level: Level; id?: string; className?: string; children: ReactNode }) {
  return createElement(`h${level}`, { id, className }, children);
}

export interface Ctx {
  results: RevealResults;
  names: Record<ElementId, string>;
  labels: Record<string, string>;
  mode: ResultsMode;
  print: boolean;
  onSeek?: (t: number) => void;
  turns?: { speaker: string; text: string }[];
  level: Level;
}

/** Every element's name: the content's, else the one the results carry. */
export function elementNameMap(results: RevealResults, given: Partial<Record<ElementId, string>>): Record<ElementId, string> {
  return Object.fromEntries(
    ELEMENT_IDS.map((id) => [id, given[id] ?? results.elements.find((e) => e.elementId === id)?.name ?? id]),
  ) as Record<ElementId, string>;
}

export const sectionId = (part: string) => `uitkomst-${part}`;

export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** "beurt 12 (Ahmed: “Ik weet niet…”)", or nothing when the turn is unknown. */
export function TurnRef({ ctx, turnIndex }: { ctx: Ctx; turnIndex: number | null }) {
  if (turnIndex === null) return null;
  const turn = ctx.turns?.[turnIndex];
  return (
    <span className="rv-turn">
      {`beurt ${turnIndex + 1}`}
      {turn ? (
        <>
          {" · "}
          <span className="rv-quote">{`${turn.speaker}: “${truncate(turn.text, 70)}”`}</span>
        </>
      ) : null}
    </span>
  );
}

/**
 * A jump into the gesprek: a button when the page can seek. Without one the time is plain text,
 * and in print nothing at all where the line beside it already says the time (`inText`).
 */
export function Seek({ ctx, t, context, inText = true }: { ctx: Ctx; t: number; context?: string; inText?: boolean }) {
  const clock = formatClock(t);
  if (ctx.print || !ctx.onSeek) return inText ? null : <span className="rv-time">{clock}</span>;
  const onSeek = ctx.onSeek;
  return (
    <button type="button" className="rv-seek secondary" onClick={() => onSeek(t)}>
      {`Spring naar ${clock}`}
      {context ? <span className="visually-hidden">{` (${context})`}</span> : null}
    </button>
  );
}

/** A wide table that may scroll sideways on a phone: keyboard users can reach and scroll it too. */
export function Scroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** A table: folded away on screen, printed open (a closed <details> does not print). */
export function Fold({ ctx, summary, children }: { ctx: Ctx; summary: string; children: ReactNode }) {
  if (ctx.print) {
    return (
      <div className="rv-fold-open">
        <p className="rv-subtitle">{summary}</p>
        {children}
      </div>
    );
  }
  return (
    <details className="rv-fold">
      <summary>{summary}</summary>
      {children}
    </details>
  );
}

export const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
