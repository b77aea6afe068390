// STUB (branch room-stage): the projector's reveal, one step at a time. The real component comes
// from room-reveal and replaces this file at merge; this stub keeps the agreed signature and shows
// the step's title above the existing ResultsView in projector mode.
import type { ElementId } from "~/core/domain";
import type { RevealStep } from "~/core/presentation";
import type { RevealResults } from "~/core/results";
import type { RankedTip } from "~/core/tip-rules";
import type { TipInfo } from "~/components/results/reveal-content";
import { ResultsView } from "~/components/results/ResultsView";

export interface RevealPresentationProps {
  results: RevealResults;
  step: RevealStep;
  tips?: RankedTip[];
  tipInfo: TipInfo[];
  elementNames: Partial<Record<ElementId, string>>;
  behaviourLabels: Record<string, string>;
  turns?: { speaker: string; text: string }[];
  onSeek?: (t: number) => void;
  discussedTips?: string[];
  onToggleTip?: (id: string) => void;
}

const TITLES: Record<string, string> = { overzicht: "Overzicht", tijdlijn: "Tijdlijn", tips: "Tips" };

export function RevealPresentation(props: RevealPresentationProps): JSX.Element {
  const { step, elementNames } = props;
  const title = TITLES[step] ?? elementNames[step as ElementId] ?? step;
  return (
    <section className="reveal-presentation reveal-presentation-stub" data-step={step} aria-labelledby="reveal-step-h">
      <h2 id="reveal-step-h" className="reveal-step-title">
        {title}
      </h2>
      <ResultsView
        results={props.results}
        tips={props.tips}
        tipInfo={props.tipInfo}
        elementNames={props.elementNames}
        behaviourLabels={props.behaviourLabels}
        mode="projector"
        turns={props.turns}
        onSeek={props.onSeek}
        discussedTips={props.discussedTips}
        onToggleTip={props.onToggleTip}
        headingLevel={3}
      />
    </section>
  );
}
