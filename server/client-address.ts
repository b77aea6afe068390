// Who a request comes from, for the per-address limits: one rule for HTTP (the API, forms, the
// /s code form) and for sockets. TRUST_PROXY is the number of reverse proxies in front of us
// (Caddy: 1); each appends the address it saw to X-Forwarded-For, so the client is that many
// entries from the right of [...X-Forwarded-For, the socket's peer]. Whatever a visitor wrote
// further left is theirs to invent and is never used. The same count Express's `trust proxy`
// setting takes, which still decides req.protocol and the forwarded host (server/links.ts).
import type { IncomingMessage } from "node:http";
import { ipKeyGenerator } from "express-rate-limit";

/** The client's address; behind `trustProxy` reverse proxies, taken from X-Forwarded-For. */
export function clientAddress(req: IncomingMessage, trustProxy: number): string {
  const direct = req.socket.remoteAddress ?? "unknown";
  if (trustProxy <= 0) return direct;
  const forwarded = String(req.headers["x-forwarded-for"] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [...forwarded, direct];
  return chain[Math.max(0, chain.length - 1 - trustProxy)];
}

/**
 * express-rate-limit's key for that address: an IPv6 address counts as its /56 network (one
 * household or office gets a whole block to pick addresses from), as the library does for
 * req.ip by default. A keyGenerator must go through ipKeyGenerator (ERR_ERL_KEY_GEN_IPV6).
 */
export function rateLimitKey(trustProxy: number): (req: IncomingMessage) => string {
  return (req) => ipKeyGenerator(clientAddress(req, trustProxy));
}
