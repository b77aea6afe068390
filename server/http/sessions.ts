// The session HTTP API, mounted at /api (express.json is applied before it). Creating a session needs
// no account; everything about an existing session is for its host (Authorization: Bearer <hostToken>),
// except the media, which participants fetch with the key from their snapshot's mediaUrl.
import { timingSafeEqual } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Cookie } from "@remix-run/node";
import { type Request, type Response, Router } from "express";
import rateLimit from "express-rate-limit";
import { fileTypeFromFile } from "file-type";
import { type AppError, type ErrorCode, fail } from "../../app/core/protocol";
import { joinUrlOn, type PublicLinks } from "../../app/core/public-links";
import { mediaPath } from "../../app/core/session";
import { clientAddress, rateLimitKey } from "../client-address";
import { requestHost } from "../links";
import type { Room, Rooms, SessionEntry } from "../realtime/rooms";
import { handle } from "./handle";
import { syncPath } from "../store/group-commit";
import { SESSION_ID, type SessionStore } from "../store/sessions";

export const MAX_MEDIA_BYTES = 500 * 1024 * 1024;

const STATUS: Record<ErrorCode, number> = {
  invalid_payload: 400,
  payload_too_large: 413,
  rate_limited: 429,
  not_found: 404,
  unauthorized: 401,
  forbidden: 403,
  wrong_phase: 409,
  invalid_transition: 409,
  out_of_range: 400,
  removed: 403,
  session_closed: 409,
  storage_failed: 503,
  internal: 500,
};

export function sendError(res: Response, error: { ok: false; error: AppError }, status = STATUS[error.error.code]): void {
  if (status === 401) res.set("WWW-Authenticate", 'Bearer realm="alliantiekompas"');
  res.status(status).json(error);
}

export function bearer(req: Request): string | null {
  const match = /^Bearer\s+([A-Za-z0-9_-]{1,200})\s*$/i.exec(req.get("authorization") ?? "");
  return match ? match[1] : null;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface SessionsRouterDeps {
  rooms: Rooms;
  store: SessionStore;
  newId: () => string;
  now: () => Date;
  warn: (message: string) => void;
  /** The signed cookie that lets the host's browser open server-rendered host pages (the report). */
  hostCookie?: Cookie;
  /** Turns joinUrl into the absolute link other devices open (docs/decisions/010-public-links.md). */
  links?: PublicLinks;
  /** Reverse proxies in front of us (TRUST_PROXY): per-address limits count the client (server/client-address.ts). */
  trustProxy: number;
}

/** The host cookie holds the session's code and host token, signed; it lives for 12 hours. */
export const HOST_COOKIE_MAX_AGE = 12 * 60 * 60;
export interface HostCookieValue {
  code: string;
  token: string;
}
/** Only pages under /sessie/<code> get the cookie: the host page, the report and its downloads. */
export const hostCookiePath = (code: string) => `/sessie/${code}`;

export function sessionsRouter({ rooms, store, newId, now, warn, hostCookie, links, trustProxy }: SessionsRouterDeps): Router {
  const router = Router();
  const h = (run: (req: Request, res: Response) => unknown) => handle(warn, run);

  // A ceiling for everything here except the media stream (a <video> makes many range requests).
  const apiLimit = rateLimit({
    windowMs: 60_000,
    limit: 300,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    skip: (req) => req.method === "GET" && req.path.endsWith("/media"),
    keyGenerator: rateLimitKey(trustProxy),
    handler: (_req, res) => sendError(res, fail("rate_limited")),
  });
  router.use("/sessions", apiLimit);

  /**
   * The session, when the request carries its host token; otherwise the response is sent. Checked
   * on the registry's entry: nothing is read from disk for it.
   */
  function hostSession(req: Request, res: Response): SessionEntry | null {
    const token = bearer(req);
    if (!token) {
      sendError(res, fail("unauthorized", "Alleen de begeleider kan dit: stuur het begeleiderstoken mee (Authorization: Bearer …)."));
      return null;
    }
    const session = SESSION_ID.test(req.params.id) ? rooms.findById(req.params.id) : undefined;
    if (!session) {
      sendError(res, fail("not_found"));
      return null;
    }
    if (!rooms.isHostToken(session, token)) {
      sendError(res, fail("forbidden", "Dit token hoort niet bij deze sessie."));
      return null;
    }
    return session;
  }

  /** The room, read in when it is not in memory, when the request carries its host token. */
  async function hostRoom(req: Request, res: Response): Promise<Room | null> {
    const session = hostSession(req, res);
    if (!session) return null;
    const room = await rooms.byId(session.id);
    if (!room) sendError(res, fail("not_found")); // deleted meanwhile
    return room ?? null;
  }

  router.post("/sessions", h(async (req, res) => {
    const result = await rooms.create(req.body ?? null, clientAddress(req, trustProxy));
    if (!result.ok) return sendError(res, result);
    if (!links) return res.status(201).json(result.data);
    const { host, protocol } = requestHost(req);
    res.status(201).json({ ...result.data, joinUrl: joinUrlOn(links.base(host, protocol).origin, result.data.code) });
  }));

  router.get("/sessions/:id", h(async (req, res) => {
    const room = await hostRoom(req, res);
    if (!room) return;
    res.set("Cache-Control", "no-store").json(rooms.snapshot(room, { kind: "host" }));
  }));

  router.get("/sessions/:id/results", h(async (req, res) => {
    const room = await hostRoom(req, res);
    if (!room) return;
    const results = await rooms.ensureResults(room);
    if (results === null) return sendError(res, fail("wrong_phase", "De resultaten zijn er pas na de onthulling."));
    res.set("Cache-Control", "no-store").json({ sessionId: room.id, computedAt: room.results?.computedAt, results, tips: rooms.tipsFor(results) });
  }));

  // The host token lives in the host's browser (localStorage), which a server-rendered page cannot
  // read. The host page trades it here for an httpOnly, SameSite=Strict cookie that only pages under
  // /sessie/<code> receive. It needs the token in the Authorization header, which no other site can
  // send (a cross-site fetch with it needs a CORS preflight we never grant), so it cannot be forced.
  router.post("/sessions/:id/host-cookie", h(async (req, res) => {
    const session = hostSession(req, res);
    if (!session) return;
    if (!hostCookie) return sendError(res, fail("not_found", "Deze server geeft geen begeleiderscookie uit."));
    const code = session.code;
    const value: HostCookieValue = { code, token: bearer(req)! };
    res.append("Set-Cookie", await hostCookie.serialize(value, { path: hostCookiePath(code), maxAge: HOST_COOKIE_MAX_AGE, secure: req.secure }));
    res.set("Cache-Control", "no-store").status(204).end();
  }));

  router.delete("/sessions/:id/host-cookie", h(async (req, res) => {
    const session = hostSession(req, res);
    if (!session) return;
    if (!hostCookie) return sendError(res, fail("not_found", "Deze server geeft geen begeleiderscookie uit."));
    res.append("Set-Cookie", await hostCookie.serialize("", { path: hostCookiePath(session.code), maxAge: 0, expires: new Date(0), secure: req.secure }));
    res.set("Cache-Control", "no-store").status(204).end();
  }));

  // Without reading the session in: a session whose log is damaged can still be deleted.
  router.delete("/sessions/:id", h(async (req, res) => {
    const session = hostSession(req, res);
    if (!session) return;
    await rooms.delete(session);
    res.status(204).end();
  }));

  router.post("/sessions/:id/media", h(async (req, res) => {
    const room = await hostRoom(req, res);
    if (!room) return;
    const refuse = (error: { ok: false; error: AppError }, status?: number) => {
      // Do not read the rest of a refused upload: close the connection once the answer is out.
      res.set("Connection", "close");
      sendError(res, error, status);
    };
    const { doc } = room.state;
    if (doc.source.kind !== "media") return refuse(fail("wrong_phase", "Deze sessie gebruikt geen eigen opname."));
    if (doc.phase !== "lobby" && doc.phase !== "briefing") {
      return refuse(fail("wrong_phase", "Een opname kan alleen in de lobby of de briefing worden geüpload of vervangen."));
    }
    let duration: number | null = null;
    if (req.query.duration !== undefined) {
      duration = Number(req.query.duration);
      if (!Number.isFinite(duration) || duration <= 0 || duration > 6 * 3600) {
        return refuse(fail("invalid_payload", "De duur van de opname moet tussen 0 en 6 uur liggen (in seconden)."));
      }
    }
    if (Number(req.get("content-length") ?? 0) > MAX_MEDIA_BYTES) {
      return refuse(fail("payload_too_large", "De opname is groter dan 500 MB."));
    }
    if ((req as Request & { _body?: boolean })._body || req.readableEnded) {
      return refuse(fail("invalid_payload", "Stuur de opname zelf als body van het verzoek (geen JSON of formulier)."), 415);
    }

    const file = `media-${newId()}`;
    const target = store.mediaPath(room.id, file);
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > MAX_MEDIA_BYTES) callback(Object.assign(new Error("too large"), { code: "TOO_LARGE" }));
        else callback(null, chunk);
      },
    });
    try {
      await pipeline(req, counter, createWriteStream(target, { flags: "wx", mode: 0o600 }));
    } catch (error) {
      await rm(target, { force: true });
      if ((error as NodeJS.ErrnoException).code === "TOO_LARGE") {
        return refuse(fail("payload_too_large", "De opname is groter dan 500 MB."));
      }
      if (!rooms.findById(room.id)) return refuse(fail("not_found"));
      warn(`Upload voor sessie ${room.id} mislukt: ${(error as Error).message}`);
      return refuse(fail("storage_failed", "De opname kon niet worden opgeslagen. Probeer het opnieuw."));
    }
    // The upload may have taken long enough for the room to be unloaded: look it up again.
    const current = await rooms.byId(room.id);
    if (!current) {
      await rm(target, { force: true });
      return refuse(fail("not_found"));
    }
    if (size === 0) {
      await rm(target, { force: true });
      return refuse(fail("invalid_payload", "Er is geen bestand ontvangen."));
    }
    // What the bytes are, not what the name or the Content-Type claims.
    const type = await fileTypeFromFile(target).catch(() => undefined);
    if (!type || !/^(audio|video)\//.test(type.mime)) {
      await rm(target, { force: true });
      return refuse(
        fail("invalid_payload", "Dit bestand is geen audio- of video-opname. Upload bijvoorbeeld een mp4-, webm-, m4a- of mp3-bestand."),
        415,
      );
    }
    let media;
    let result;
    try {
      await syncPath(path.dirname(target));
      media = { file, type: type.mime, size: (await stat(target)).size, key: newId(), uploadedAt: now().getTime() };
      result = await rooms.execute(current, { type: "media", media, duration }, { kind: "host" });
    } catch (error) {
      // Not referenced by the session: do not leave it behind (handle() answers the error).
      await rm(target, { force: true }).catch(() => undefined);
      throw error;
    }
    if (!result.ok) {
      await rm(target, { force: true });
      return sendError(res, result);
    }
    res.status(201).json({ mediaUrl: mediaPath(room.id, media.key), mediaType: media.type, size: media.size, duration });
    rooms.broadcast(current, result.value.events);
  }));

  router.get("/sessions/:id/media", h(async (req, res) => {
    const room = SESSION_ID.test(req.params.id) ? await rooms.byId(req.params.id) : undefined;
    if (!room) return sendError(res, fail("not_found"));
    const media = room.state.doc.source.media;
    if (!media) return sendError(res, fail("not_found", "Deze sessie heeft (nog) geen opname."));
    const key = typeof req.query.key === "string" ? req.query.key : null;
    const token = bearer(req);
    const allowed = (key !== null && sameSecret(key, media.key)) || (token !== null && rooms.isHostToken(room.state.doc, token));
    if (!allowed) {
      return sendError(res, key === null && token === null ? fail("unauthorized", "Open de opname vanuit de sessie.") : fail("forbidden", "Deze link naar de opname klopt niet (meer)."));
    }
    res.set({ "Content-Type": media.type, "Cache-Control": "private, max-age=3600" });
    // send handles Range (206, 416), conditional requests and HEAD.
    res.sendFile(store.mediaPath(room.id, media.file), { acceptRanges: true, dotfiles: "deny" }, (error) => {
      if (!error || res.headersSent) return;
      const status = (error as { status?: number }).status;
      // send has set Content-Range: bytes */size for an unsatisfiable range.
      if (status === 416) res.status(416).end();
      else sendError(res, fail("not_found", "De opname is niet (meer) beschikbaar."));
    });
  }));

  return router;
}
