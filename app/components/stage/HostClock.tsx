// The gesprek clock in the host's hand (ClockControls), each action a session:clock request.
import { ClockControls } from "~/components/live/ClockControls";
import type { SessionSnapshot } from "~/core/protocol";
import type { LiveClient } from "~/realtime/live-client";

export function HostClock({ client, snapshot, t }: { client: LiveClient; snapshot: SessionSnapshot; t: number }) {
  return (
    <ClockControls
      clock={snapshot.clock}
      t={t}
      duration={snapshot.duration}
      onClock={async (action, at) => {
        const ack = await client.request("session:clock", { action, t: at });
        return ack.ok ? null : ack.error.message;
      }}
    />
  );
}
