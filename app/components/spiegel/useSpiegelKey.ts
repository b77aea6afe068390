// Which mirror this browser holds: read after hydration (localStorage is not there on the server).
// A key in the address (#sleutel=…, the link written down on another device) is looked up, saved
// and taken out of the address bar, so it does not linger in the history.
import { useCallback, useEffect, useState } from "react";
import { keyFromFragment, type SavedKey, saveKey, savedKey, SpiegelApiError, spiegelApi } from "./device";

export type KeyState = { status: "loading" } | { status: "none"; error: string | null } | { status: "ready"; saved: SavedKey };

export function useSpiegelKey(): [KeyState, (next: KeyState) => void] {
  const [state, setState] = useState<KeyState>({ status: "loading" });
  useEffect(() => {
    const fromLink = keyFromFragment(window.location.hash);
    if (!fromLink) {
      const saved = savedKey();
      setState(saved ? { status: "ready", saved } : { status: "none", error: null });
      return;
    }
    history.replaceState(null, "", window.location.pathname + window.location.search);
    spiegelApi
      .find(fromLink)
      .then(({ spiegelId }) => {
        const saved = { spiegelId, key: fromLink };
        saveKey(saved);
        setState({ status: "ready", saved });
      })
      .catch((error: SpiegelApiError) => setState({ status: "none", error: error.message }));
  }, []);
  return [state, useCallback((next: KeyState) => setState(next), [])];
}
