// The reveal inside the live room: ResultsView on the projector (the host, who can jump into the
// gesprek, mark tips as discussed and correct for reaction time) or on a phone (times as text, discussed tips as badges).
// The results and tips arrive over the socket (session:results, session:tips; again after every
// join), so a reload or a late phone gets them too.
import { lazy, Suspense } from "react";
import type { RevealContent } from "../results/reveal-content";
import type { LiveState } from "../../realtime/live-client";
import type { RoomTranscript } from "../../realtime/room-content";

// The results view and its charts (d3) load with the reveal, not with the page (decision 010).
const ResultsView = lazy(() => import("../results/ResultsView").then((m) => ({ default: m.ResultsView })));

export function RoomResults({
  state,
  content,
  transcript,
  mode,
  onSeek,
  discussedTips,
  onToggleTip,
  onLagChange,
  lagPending,
}: {
  state: LiveState;
  content: RevealContent;
  transcript: RoomTranscript | null;
  mode: "projector" | "screen";
  onSeek?: (t: number) => void;
  /** The tips shown as discussed; the snapshot's list when not given. */
  discussedTips?: string[];
  onToggleTip?: (tipId: string) => void;
  /** The host's reaction-time correction (the projector only). */
  onLagChange?: (seconds: number) => void;
  lagPending?: number | null;
}) {
  const waiting = (
    <p className="muted" role="status">
      De resultaten komen eraan…
    </p>
  );
  if (state.resultsUnreadable) {
    return <p className="alert warn">De resultaten zijn binnen, maar kunnen hier niet worden getoond. Open het verslag of laad de pagina opnieuw.</p>;
  }
  if (state.results === null) return waiting;
  return (
    <Suspense fallback={waiting}>
      <ResultsView
      results={state.results}
      tips={state.tips ?? undefined}
      tipInfo={content.tipInfo}
      elementNames={content.elementNames}
      behaviourLabels={content.behaviourLabels}
      mode={mode}
      turns={transcript?.turns.map((t) => ({ speaker: t.speaker, text: t.text }))}
      onSeek={onSeek}
      discussedTips={discussedTips ?? state.snapshot?.discussedTips ?? []}
      onToggleTip={onToggleTip}
      onLagChange={onLagChange}
      lagPending={lagPending}
      />
    </Suspense>
  );
}
