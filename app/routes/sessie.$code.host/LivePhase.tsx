// Live rating on the control view: play/pause and the clock first (the main action now), who is
// rating, the gesprek; the step to the final rating is there but quiet, and asks first.
import { HostClock } from "~/components/stage/HostClock";
import { GesprekView } from "~/components/live/GesprekView";
import { RATER_ROLES } from "~/core/protocol";
import { useGesprekTime } from "~/realtime/provider";
import type { PhaseProps } from "./host-view";
import { Presence } from "~/components/stage/Participants";

export function LivePhase({ client, state, snapshot, casus, controls }: PhaseProps) {
  const t = useGesprekTime();
  const raters = snapshot.participants.filter((p) => RATER_ROLES.includes(p.role));
  return (
    <section className="host-live" aria-labelledby="live-h">
      <h1 id="live-h" className="visually-hidden">
        Live beoordelen
      </h1>
      <div className="host-live-grid">
        <div className="host-live-side">
          <HostClock client={client} snapshot={snapshot} t={t} />
          <Presence raters={raters} state={state} />
          {controls}
        </div>
        <div className="host-live-main">
          <p className="room-question">
            <span className="muted">Vraag: </span>
            {snapshot.briefing.question}
          </p>
          <GesprekView
            client={client}
            snapshot={snapshot}
            transcript={casus?.transcript ?? null}
            t={t}
            host
            onSeek={(at) => void client.request("session:clock", { action: "seek", t: at })}
          />
        </div>
      </div>
    </section>
  );
}
