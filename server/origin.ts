import type { IncomingMessage } from "node:http";

/**
 * A socket may only be opened from a page of our own host (or an origin named in ALLOWED_ORIGINS).
 * Clients without an Origin header (socket.io-client in Node, the benchmark) are not browsers and
 * cannot carry a victim's cookies, so they pass; authorisation happens per event with tokens.
 */
export function originAllowed(req: IncomingMessage, extra: string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  const host = req.headers.host;
  try {
    const url = new URL(origin);
    if (host && url.host === host) return true;
  } catch {
    return false;
  }
  return extra.includes(origin);
}
