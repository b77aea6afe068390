// Who may open the host-only pages under /sessie/<code> (the report and its downloads): the host,
// proven by the signed cookie that POST /api/sessions/:id/host-cookie sets (a browser), or by the
// host token as `Authorization: Bearer` (a script). Checked against the live room on every request
// through context.services.sessions, never by importing server modules.
import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { isJoinCode, normalizeJoinCode } from "./core/join-code";

const cookieValue = z.strictObject({ code: z.string(), token: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/) });

function page(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Robots-Tag": "noindex", ...headers },
  });
}

export const HOST_ONLY_MESSAGES = {
  unauthorized:
    "Alleen de begeleider van deze sessie kan het verslag openen. Open het verslag vanaf de begeleiderspagina van de sessie, in de browser waarin je de sessie leidde.",
  forbidden:
    "Je bent in deze browser niet (meer) aangemeld als begeleider van deze sessie, of de sessie bestaat niet meer. Open de begeleiderspagina opnieuw met je begeleiderslink.",
  gone: "Deze sessie bestaat niet meer: de begeleider heeft haar verwijderd, of de bewaartermijn is verlopen.",
} as const;

function bearer(request: Request): string | null {
  const match = /^Bearer\s+([A-Za-z0-9_-]{16,128})\s*$/i.exec(request.headers.get("authorization") ?? "");
  return match ? match[1] : null;
}

/**
 * The code and host token when the request comes from the session's host; otherwise throws the
 * response to send: 404 for a code that cannot exist, 401 without any proof, 403 with a wrong one.
 * A wrong token and an unknown code answer alike, so this page tells a guesser nothing about codes.
 */
export async function requireHost(request: Request, rawCode: string | undefined, context: AppLoadContext): Promise<{ code: string; token: string }> {
  const code = normalizeJoinCode((rawCode ?? "").trim());
  if (!isJoinCode(code)) throw page(404, "Deze sessiecode kan niet kloppen.");
  const { sessions, hostCookie } = context.services;
  let token = bearer(request);
  let fromCookie = false;
  if (!token) {
    const parsed = cookieValue.safeParse(await hostCookie.parse(request.headers.get("Cookie")));
    // The signature proves we issued it; it must also be for this session.
    if (parsed.success && parsed.data.code === code) {
      token = parsed.data.token;
      fromCookie = true;
    }
  }
  if (!token) throw page(401, HOST_ONLY_MESSAGES.unauthorized, { "WWW-Authenticate": 'Bearer realm="alliantiekompas"' });
  if (await sessions.isHost(code, token)) return { code, token };
  // A cookie we signed for a session that is gone: say so (the signature shows they were its host).
  if (fromCookie && !(await sessions.findByCode(code))) throw page(404, HOST_ONLY_MESSAGES.gone);
  throw page(403, HOST_ONLY_MESSAGES.forbidden);
}

/** Everything stored about the session, for its host; throws the response to send otherwise. */
export async function requireSessionRecord(request: Request, rawCode: string | undefined, context: AppLoadContext) {
  const { code, token } = await requireHost(request, rawCode, context);
  const result = await context.services.sessions.record(code, token);
  if (result.ok) return { code, record: result.data };
  // Deleted between the two calls, or the token no longer fits.
  throw page(result.error.code === "not_found" ? 404 : 403, result.error.code === "not_found" ? HOST_ONLY_MESSAGES.gone : HOST_ONLY_MESSAGES.forbidden);
}
