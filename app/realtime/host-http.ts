// The host screen's HTTP calls with the host token (docs/protocol.md, HTTP): the host cookie that
// lets the server-rendered report recognise this browser, and deleting the session. Browser only.
import { useCallback, useEffect, useRef, useState } from "react";

export type HostCookieStatus = "pending" | "ok" | "failed";

function hostFetch(path: string, method: "POST" | "DELETE", hostToken: string): Promise<Response> {
  return fetch(path, {
    method,
    headers: { Authorization: `Bearer ${hostToken}` },
    credentials: "same-origin",
    cache: "no-store",
  });
}

/**
 * Asks once per page load for the host cookie (POST /api/sessions/:id/host-cookie), so that the
 * report under /sessie/<code>/verslag opens in this browser. A failure is reported, never thrown;
 * `retry` asks again.
 */
export function useHostCookie(sessionId: string | null, hostToken: string): { status: HostCookieStatus; retry: () => void } {
  const [status, setStatus] = useState<HostCookieStatus>("pending");
  const asked = useRef<string | null>(null);

  const ask = useCallback(
    (id: string) => {
      setStatus("pending");
      hostFetch(`/api/sessions/${encodeURIComponent(id)}/host-cookie`, "POST", hostToken).then(
        (res) => setStatus(res.status === 204 ? "ok" : "failed"),
        () => setStatus("failed"),
      );
    },
    [hostToken],
  );

  useEffect(() => {
    if (!sessionId || asked.current === sessionId) return;
    asked.current = sessionId;
    ask(sessionId);
  }, [sessionId, ask]);

  return { status, retry: () => sessionId && ask(sessionId) };
}

/**
 * Deletes the session with everything in it (DELETE /api/sessions/:id), after clearing the host
 * cookie. Null when it is gone (also when it already was), else a Dutch message.
 */
export async function deleteSession(sessionId: string, hostToken: string): Promise<string | null> {
  const base = `/api/sessions/${encodeURIComponent(sessionId)}`;
  try {
    // The cookie would only lead to "this session is gone"; clearing it may fail without harm.
    await hostFetch(`${base}/host-cookie`, "DELETE", hostToken).catch(() => undefined);
    const res = await hostFetch(base, "DELETE", hostToken);
    if (res.status === 204 || res.status === 404) return null;
    const body = (await res.json().catch(() => null)) as { error?: { message?: unknown } } | null;
    const message = body?.error?.message;
    return typeof message === "string" && message ? message : `Verwijderen is niet gelukt (fout ${res.status}). Probeer het opnieuw.`;
  } catch {
    return "Verwijderen is niet gelukt: er is geen verbinding met de server. Probeer het opnieuw.";
  }
}
