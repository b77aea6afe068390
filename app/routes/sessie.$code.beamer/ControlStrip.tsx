// One laptop, one screen: a compact strip at the bottom of the projector view, only with
// ?bediening=1. The phase step, play/pause, the reveal's steps and (pseudonym mode) the real names
// behind a toggle, since the room sees this screen too.
import { useState } from "react";
import { HostClock } from "~/components/stage/HostClock";
import type { RevealContent } from "~/components/results/reveal-content";
import { PhaseControls } from "~/components/stage/PhaseControls";
import { Roster } from "~/components/stage/Participants";
import { PresentationSteps } from "~/components/stage/PresentationSteps";
import type { SessionSnapshot } from "~/core/protocol";
import type { LiveClient, LiveState } from "~/realtime/live-client";
import { useGesprekTime } from "~/realtime/provider";

export function ControlStrip({ client, state, snapshot, reveal }: { client: LiveClient; state: LiveState; snapshot: SessionSnapshot; reveal: RevealContent }) {
  const t = useGesprekTime();
  const [names, setNames] = useState(false);
  const { phase } = snapshot;
  const roster = snapshot.settings.nameDisplay === "pseudoniemen" ? snapshot.host?.roster : undefined;
  return (
    <aside className="control-strip" aria-label="Bediening (alleen voor de begeleider)">
      {phase === "live" ? (
        <HostClock client={client} snapshot={snapshot} t={t} />
      ) : null}
      {phase === "reveal" || phase === "discussion" ? (
        <PresentationSteps client={client} state={state} elementNames={reveal.elementNames} tipInfo={reveal.tipInfo} compact />
      ) : null}
      <PhaseControls client={client} snapshot={snapshot} quiet={phase === "live" || phase === "reveal" || phase === "discussion"} compact />
      {roster ? (
        <div className="strip-names">
          <button type="button" className="secondary small" aria-expanded={names} onClick={() => setNames(!names)}>
            {names ? "Namen verbergen" : "Echte namen (alleen voor jou)"}
          </button>
          {names ? <Roster client={client} roster={roster} closed={phase === "closed"} /> : null}
        </div>
      ) : null}
      <a className="strip-hide" href={`/sessie/${snapshot.code}/beamer`}>
        Bediening verbergen
      </a>
    </aside>
  );
}
