// Lobby on the control view: the step to the briefing first, then the code and link to hand out,
// who joined (as the room sees them) and, in pseudonym mode, who they really are.
import { JoinLink } from "~/components/live/JoinLink";
import { JoinPanel } from "~/components/stage/JoinPanel";
import type { PhaseProps } from "./host-view";
import { MediaMissing } from "./MediaMissing";
import { Participants, Roster } from "~/components/stage/Participants";

export function LobbyPhase({
  client,
  state,
  snapshot,
  elements,
  controls,
  code,
  joinUrl,
  qr,
  alternatives,
  hostToken,
}: PhaseProps & { code: string; joinUrl: string; qr: string | null; alternatives: string[]; hostToken: string }) {
  return (
    <>
      {controls}
      <MediaMissing snapshot={snapshot} hostToken={hostToken} />
      <section className="lobby" aria-labelledby="lobby-h">
        <h1 id="lobby-h" className="visually-hidden">
          Wachtruimte
        </h1>
        <div>
          {/* The code here; the QR with the link, so choosing another address changes both. */}
          <JoinPanel code={code} joinUrl={joinUrl} qr={null} url={false} />
          <JoinLink joinUrl={joinUrl} qr={qr} alternatives={alternatives} qrSize={200} />
        </div>
        <div>
          <Participants client={client} snapshot={snapshot} elements={elements} state={state} />
          {snapshot.settings.nameDisplay === "pseudoniemen" && snapshot.host?.roster ? (
            <Roster client={client} roster={snapshot.host.roster} closed={false} />
          ) : null}
        </div>
      </section>
    </>
  );
}
