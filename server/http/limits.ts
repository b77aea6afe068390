// Limits on request bodies outside the session API's own parsers.
//
// Remix actions read a form with `request.formData()`, which buffers the whole body in memory: one
// request announcing (or streaming) a few hundred megabytes would take the server down. Page forms
// are small (the biggest, the werkblad, is three notes of 10 000 characters), and browsers always
// send their Content-Length, so a body that is too big, or has no length, is refused before it is read.
import type { NextFunction, Request, Response } from "express";
import { fail } from "../../app/core/protocol";

/** Room for every form a person can fill in, percent-encoded (up to 12 bytes a character). */
export const MAX_FORM_BYTES = 1024 * 1024;

export function limitPageBodies(req: Request, res: Response, next: NextFunction): void {
  // The session API parses its own bodies (JSON up to 64 KB; the media upload streams to disk).
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS" || req.path.startsWith("/api/")) return next();
  const length = req.headers["content-length"];
  const refuse = (status: number, message: string) => {
    // The rest of the body is not read: close the connection once the answer is out.
    res.set({ Connection: "close", "Content-Type": "text/plain; charset=utf-8" }).status(status).send(message);
  };
  if (length === undefined) {
    if (req.headers["transfer-encoding"]) return refuse(411, "Stuur het formulier met een lengte (Content-Length).");
    return next();
  }
  if (!/^\d+$/.test(length) || Number(length) > MAX_FORM_BYTES) return refuse(413, "Dit formulier is te groot.");
  next();
}

/**
 * Errors from express.json in front of the API, in the API's own shape instead of Express's HTML
 * page (which shows a stack trace outside production): too large → 413, not JSON → 400.
 */
export function apiBodyErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const type = (error as { type?: string } | null)?.type;
  if (res.headersSent || !type) return next(error);
  if (type === "entity.too.large") {
    res.status(413).json(fail("payload_too_large", "Het verzoek is te groot (hoogstens 64 KB)."));
  } else if (type === "entity.parse.failed" || type === "encoding.unsupported" || type === "charset.unsupported" || type === "request.aborted") {
    res.status(400).json(fail("invalid_payload", "De inhoud van het verzoek is geen geldige JSON."));
  } else next(error);
}
