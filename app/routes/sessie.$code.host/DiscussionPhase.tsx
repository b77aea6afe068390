// Discussion on the control view: the same stepping as the reveal, plus the hotspot or tip the
// group talks about (on the projector beside the session's question).
import type { PhaseProps } from "./host-view";
import { PresentingPhase, type ResultsTools } from "./RevealPhase";

export function DiscussionPhase(props: PhaseProps & ResultsTools) {
  return <PresentingPhase {...props} heading="Bespreking" />;
}
