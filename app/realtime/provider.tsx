// React side of the live room: a provider that owns one LiveClient for the page's life (opened in
// an effect, so never during SSR, and stopped in the cleanup), and typed hooks to read it.
import { createContext, type ReactNode, useContext, useEffect, useState, useSyncExternalStore } from "react";
import { type Credentials, initialLiveState, LiveClient, type LiveState } from "./live-client";
import { browserStore } from "./storage";

const LiveClientContext = createContext<LiveClient | null>(null);

export function LiveSessionProvider({
  code,
  credentials,
  children,
}: {
  code: string;
  credentials: Credentials;
  children: ReactNode;
}) {
  const [client, setClient] = useState<LiveClient | null>(null);
  const credentialKey = credentials.kind === "host" ? `h:${credentials.hostToken}` : `s:${credentials.resumeToken}`;
  useEffect(() => {
    const c = new LiveClient({ code, credentials, store: browserStore() });
    c.start();
    setClient(c);
    return () => {
      c.stop();
      setClient(null);
    };
    // The credentials object may be new on every render; its key says when it really changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [code, credentialKey]);
  return <LiveClientContext.Provider value={client}>{children}</LiveClientContext.Provider>;
}

/** The client, or null before the effect has run (first render, SSR). */
export function useLiveClient(): LiveClient | null {
  return useContext(LiveClientContext);
}

const INITIAL: LiveState = initialLiveState();
const noop = () => () => {};

export function useLiveState(): LiveState {
  const client = useLiveClient();
  return useSyncExternalStore(
    client?.subscribe ?? noop,
    client ? client.getState : () => INITIAL,
    () => INITIAL,
  );
}

/** The gesprek time, re-read `hz` times a second while the clock runs. */
export function useGesprekTime(hz = 4): number {
  const client = useLiveClient();
  const { snapshot } = useLiveState();
  const [t, setT] = useState(0);
  const playing = snapshot?.clock.playing ?? false;
  useEffect(() => {
    if (!client) return;
    setT(client.gesprekTime());
    if (!playing) return;
    const id = setInterval(() => setT(client.gesprekTime()), 1000 / hz);
    return () => clearInterval(id);
  }, [client, snapshot?.clock, playing, hz]);
  return t;
}
