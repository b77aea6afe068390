// The reveal as a group moment: ONE step of it, sized for a projector (1366×768 to 1920×1080) and
// driven by the host, who moves through REVEAL_STEPS (app/core/presentation.ts). No site chrome of
// its own and server-renderable: the projector route (and the preview /voorbeeld/onthulling?stap=)
// give it a parent with a height, and it fills that. The stylesheet is revealStylesHref (./styles).
// Roles are drawn only as visibleRole allows: a hidden or single-person role is a grey ring.
import type { ElementId } from "~/core/domain";
import type { RevealStep } from "~/core/presentation";
import type { RevealResults } from "~/core/results";
import type { RankedTip } from "~/core/tip-rules";
import { type Ctx, elementNameMap } from "../results/parts";
import type { TipInfo } from "../results/reveal-content";
import { ElementStep } from "./ElementStep";
import { OverviewStep } from "./OverviewStep";
import { TimelineStep } from "./TimelineStep";
import { TipsStep } from "./TipsStep";

export interface RevealPresentationProps {
  results: RevealResults;
  step: RevealStep;
  tips?: RankedTip[];
  tipInfo: TipInfo[];
  elementNames: Partial<Record<ElementId, string>>;
  behaviourLabels: Record<string, string>;
  turns?: { speaker: string; text: string }[];
  /** Jump into the gesprek (host screens only). */
  onSeek?: (t: number) => void;
  discussedTips?: string[];
  onToggleTip?: (id: string) => void;
}

export function RevealPresentation(props: RevealPresentationProps): JSX.Element {
  const { results, step } = props;
  const names = elementNameMap(results, props.elementNames);
  const ctx: Ctx = {
    results,
    names,
    labels: props.behaviourLabels,
    mode: "projector",
    print: false,
    onSeek: props.onSeek,
    turns: props.turns,
    level: 2,
  };
  const element = results.elements.find((e) => e.elementId === step);
  return (
    <div className={`rp rp-step-${step}`} data-step={step}>
      {step === "overzicht" ? (
        <OverviewStep results={results} names={names} />
      ) : step === "tijdlijn" ? (
        <TimelineStep ctx={ctx} />
      ) : step === "tips" ? (
        <TipsStep tips={props.tips} tipInfo={props.tipInfo} discussed={props.discussedTips} onToggle={props.onToggleTip} />
      ) : element ? (
        <ElementStep results={results} element={element} name={names[element.elementId]} />
      ) : null}
      {results.caution && step !== "tips" ? (
        <p className="rp-caution" role="note">
          {results.caution}
        </p>
      ) : null}
    </div>
  );
}
