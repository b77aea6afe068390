// Briefing on the control view: the step to live rating, then what the group reads.
import { Briefing } from "~/components/live/Briefing";
import type { PhaseProps } from "./host-view";
import { MediaMissing } from "./MediaMissing";

export function BriefingPhase({ snapshot, casus, controls, hostToken }: PhaseProps & { hostToken: string }) {
  return (
    <>
      {controls}
      <MediaMissing snapshot={snapshot} hostToken={hostToken} />
      <Briefing briefing={snapshot.briefing} settingHtml={casus && casus.situation === snapshot.briefing.setting ? casus.situationHtml : null} />
    </>
  );
}
