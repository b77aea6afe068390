// The one way an HTTP handler is registered (like server/realtime/handler.ts for socket events):
// whatever a handler throws or rejects with is answered in the closed error shape, and the process
// stays up. Express 4 does not catch a rejected promise: without this, one failed disk write in an
// `async` handler is an unhandled rejection, which ends a Node 20 process and every room in it.
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { pathForLog } from "../../app/core/log-path";
import { type AppError, fail } from "../../app/core/protocol";
import { DAMAGED_SESSION_MESSAGE, StoreError } from "../store/json-doc";

/** Disk errors: the server cannot store or read now (503, try again), not a bug (500). */
const STORAGE_ERRORS = new Set(["ENOSPC", "EDQUOT", "EFBIG", "EIO", "EROFS", "EMFILE", "ENFILE", "EBUSY", "EAGAIN"]);

const STORAGE_MESSAGE = "De server kan nu niet bij zijn opslag (de schijf is vol of onbereikbaar). Er is niets veranderd; probeer het zo opnieuw.";
const INTERNAL_MESSAGE = "Er ging op de server iets mis. Er is niets veranderd; probeer het zo opnieuw.";

/** The answer for an unexpected error: 503 storage_failed for a disk error, 500 internal otherwise (with its own message for damaged data). */
export function unexpectedError(error: unknown): { status: number; body: { ok: false; error: AppError } } {
  // A session whose log turned out damaged when it was first used: that session only, not the server.
  if (error instanceof StoreError) return { status: 500, body: fail("internal", DAMAGED_SESSION_MESSAGE) };
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code && STORAGE_ERRORS.has(code)) return { status: 503, body: fail("storage_failed", STORAGE_MESSAGE) };
  return { status: 500, body: fail("internal", INTERNAL_MESSAGE) };
}

/** Answers an unexpected error, once: a response already under way is cut off instead. */
export function answerUnexpected(res: Response, error: unknown, warn: (message: string) => void, where: string): void {
  warn(`Fout bij ${where}: ${(error as Error | null)?.stack ?? String(error)}`);
  if (res.headersSent) {
    // Half a body cannot become an error answer: end the connection so the client sees it failed.
    res.destroy();
    return;
  }
  const { status, body } = unexpectedError(error);
  // Headers the handler set for its own answer (a media type) do not fit this one.
  res.status(status).set({ "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" }).json(body);
}

/** Wraps an (async) handler: a throw or a rejection becomes a 5xx in the closed error shape. */
export function handle(warn: (message: string) => void, run: (req: Request, res: Response) => unknown): RequestHandler {
  return (req: Request, res: Response, _next: NextFunction) => {
    const where = `${req.method} ${req.baseUrl}${req.route?.path ?? pathForLog(req.path)}`;
    try {
      void Promise.resolve(run(req, res)).catch((error: unknown) => answerUnexpected(res, error, warn, where));
    } catch (error) {
      answerUnexpected(res, error, warn, where);
    }
  };
}

/**
 * The last error handler of the app: an error that reached Express (a page handler passing it on)
 * is answered without a stack trace, in JSON under /api and in Dutch text elsewhere.
 */
export function finalErrors(warn: (message: string) => void) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (req.path.startsWith("/api/")) return answerUnexpected(res, error, warn, `${req.method} ${pathForLog(req.path)}`);
    warn(`Fout bij ${req.method} ${pathForLog(req.path)}: ${(error as Error | null)?.stack ?? String(error)}`);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const { status } = unexpectedError(error);
    res.status(status).set({ "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" }).send(INTERNAL_MESSAGE);
  };
}
