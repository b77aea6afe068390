// The current round of the session's OT method and its time left, re-read every second while it runs.
import { useEffect, useState } from "react";
import { roundTiming, type RoundTiming } from "~/core/agenda";
import type { SessionSnapshot } from "~/core/protocol";
import type { LiveClient } from "~/realtime/live-client";

export function useRound(client: LiveClient, snapshot: SessionSnapshot): RoundTiming | null {
  const [now, setNow] = useState(() => client.serverNow());
  const running = snapshot.agenda?.startedAt != null;
  useEffect(() => {
    setNow(client.serverNow());
    if (!running) return;
    const id = setInterval(() => setNow(client.serverNow()), 1000);
    return () => clearInterval(id);
  }, [client, running, snapshot.agenda?.startedAt]);
  return roundTiming(snapshot.method, snapshot.agenda, now);
}
