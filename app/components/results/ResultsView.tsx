// The reveal of one session: what the group sees on the projector, on every phone and in the
// printed report. It only presents RevealResults (app/core/results.ts) and the ranked tips
// (app/core/tip-rules.ts); every number and Dutch line that the core already says is used as is.
// Server-renderable: no browser APIs during render; buttons only appear where a handler is given,
// and `mode: "print"` turns them into plain text.
// The sections live in files of their own beside this one (one concern each).
import type { ElementId } from "~/core/domain";
import type { RevealResults } from "~/core/results";
import type { RankedTip } from "~/core/tip-rules";
import { ElementSection } from "./ElementSection";
import { LagControl } from "./LagControl";
import { OverviewSection } from "./OverviewSection";
import { type Ctx, elementNameMap, type Level, type ResultsMode, sectionId } from "./parts";
import { ReferenceSection } from "./ReferenceSection";
import type { TipInfo } from "./reveal-content";
import { TipsSection } from "./TipsSection";

export type { ResultsMode } from "./parts";

export interface ResultsViewProps {
  results: RevealResults;
  /** The six tips ranked for this session (tipsForSession); no tips section without them. */
  tips?: RankedTip[];
  tipInfo: TipInfo[];
  elementNames: Partial<Record<ElementId, string>>;
  /** Behaviour and stroefheid-signal id → Dutch label. */
  behaviourLabels: Record<string, string>;
  mode: ResultsMode;
  /** Jump the gesprek (transcript or media) to t seconds. Without it, times are plain text. */
  onSeek?: (t: number) => void;
  /** Ids of the tips the facilitator marked as discussed. */
  discussedTips?: string[];
  /** Toggle "besproken" for a tip; without it the state is shown as text only. */
  onToggleTip?: (id: string) => void;
  /** The transcript turns (vignettes), to quote the turn a hotspot or moment falls in. */
  turns?: { speaker: string; text: string }[];
  /** Recompute with another lag correction (0–3 s); shows one control for all elements when given. */
  onLagChange?: (seconds: number) => void;
  /** The lag just chosen while its results are on their way (the control shows it). */
  lagPending?: number | null;
  /** Level of the section headings (default 2); element parts get the next level. */
  headingLevel?: 2 | 3;
}


export function ResultsView(props: ResultsViewProps) {
  const { results, mode } = props;
  const names = elementNameMap(results, props.elementNames);
  const level = (props.headingLevel ?? 2) as Level;
  const ctx: Ctx = {
    results,
    names,
    labels: props.behaviourLabels,
    mode,
    print: mode === "print",
    onSeek: props.onSeek,
    turns: props.turns,
    level,
  };
  const hasReference = results.reference !== null && results.elements.some((e) => e.reference !== null);
  return (
    <div className={`rv rv-${mode}`} data-mode={mode}>
      {mode !== "print" ? (
        <nav className="rv-jump" aria-label="Onderdelen van de uitkomsten">
          <ul>
            <li>
              <a href={`#${sectionId("overzicht")}`}>Overzicht</a>
            </li>
            {results.elements.map((e) => (
              <li key={e.elementId}>
                <a href={`#${sectionId(e.elementId)}`}>{names[e.elementId]}</a>
              </li>
            ))}
            {hasReference ? (
              <li>
                <a href={`#${sectionId("referentie")}`}>Referentie</a>
              </li>
            ) : null}
            {props.tips ? (
              <li>
                <a href={`#${sectionId("tips")}`}>Tips</a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}

      <OverviewSection ctx={ctx} />
      {props.onLagChange && !ctx.print && results.elements.some((e) => e.timeline.bins.some((b) => b.mean !== null)) ? (
        <LagControl lagSeconds={results.timeline.lagSeconds} pending={props.lagPending ?? null} onChange={props.onLagChange} />
      ) : null}
      {results.elements.map((e) => (
        <ElementSection key={e.elementId} ctx={ctx} element={e} />
      ))}
      {hasReference ? <ReferenceSection ctx={ctx} /> : null}
      {props.tips ? (
        <TipsSection
          ctx={ctx}
          tips={props.tips}
          tipInfo={props.tipInfo}
          discussed={props.discussedTips}
          onToggle={props.onToggleTip}
        />
      ) : null}
    </div>
  );
}

