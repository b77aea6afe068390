// The mirror's JSON API (docs/protocol.md, "Mijn spiegel"). Off unless the operator names the
// organisation responsible and the public address: then every route answers 404.
import { type NextFunction, type Request, type RequestHandler, type Response, Router } from "express";
import rateLimit from "express-rate-limit";
import { z } from "zod";
import { fail } from "../../app/core/protocol";
import { scoresSchema } from "../../app/core/spiegel";
import type { SpiegelService } from "../spiegel-service";
import { rateLimitKey } from "../client-address";
import { bearer, sendError } from "./sessions";

const ID = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
const gesprekBody = z.object({ own: scoresSchema }).strict();

/** One wrapper for every async handler: a rejection becomes a Dutch 500, never a crash. */
export function safe(handler: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    handler(req, res).catch((error: unknown) => {
      console.error(`spiegel: ${(error as Error).message}`);
      if (res.headersSent) return next(error);
      sendError(res, fail("storage_failed", "Opslaan of lezen is niet gelukt. Probeer het zo opnieuw."));
    });
  };
}

/**
 * Guessing short codes at /s (the client's code form) is slowed down per address: 20 tries a minute
 * is plenty for a person with a card and hopeless against 22^8 codes.
 */
export const codeFormLimit = (trustProxy: number) =>
  rateLimit({
    windowMs: 60_000,
    limit: 20,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    keyGenerator: rateLimitKey(trustProxy),
    handler: (_req, res) => {
      res.status(429).type("text/plain; charset=utf-8").send("Te veel pogingen. Wacht een minuut en probeer het dan opnieuw.");
    },
  });

const OFF = "Mijn spiegel staat uit op deze server: een organisatie moet hem aanzetten en verantwoordelijk zijn voor de antwoorden.";

export function spiegelRouter(service: SpiegelService | null, trustProxy: number): Router {
  const router = Router();
  if (!service) {
    router.use((_req, res) => sendError(res, fail("not_found", OFF)));
    return router;
  }
  const limit = (max: number) =>
    rateLimit({
      windowMs: 60_000,
      limit: max,
      standardHeaders: "draft-8",
      legacyHeaders: false,
      keyGenerator: rateLimitKey(trustProxy),
      handler: (_req, res) => sendError(res, fail("rate_limited")),
    });
  router.use(limit(120));

  function keyOf(req: Request, res: Response): string | null {
    const key = bearer(req);
    if (!key) sendError(res, fail("unauthorized", "Stuur de sleutel van je spiegel mee (Authorization: Bearer …)."));
    return key;
  }
  function idOf(req: Request, res: Response): string | null {
    const id = ID.safeParse(req.params.id);
    if (!id.success) sendError(res, fail("not_found", "Deze spiegel bestaat niet (meer)."));
    return id.success ? id.data : null;
  }
  /** The mirror id and key of a request, or null when the answer is already sent. */
  function target(req: Request, res: Response): { id: string; key: string } | null {
    const id = idOf(req, res);
    const key = id && keyOf(req, res);
    return id && key ? { id, key } : null;
  }
  function refused(res: Response, reason: "not_found" | "forbidden"): void {
    sendError(res, reason === "not_found" ? fail("not_found", "Deze spiegel bestaat niet (meer).") : fail("forbidden", "Deze sleutel hoort niet bij deze spiegel."));
  }

  router.post(
    "/",
    limit(10),
    safe(async (_req, res) => {
      res.status(201).json(await service.create());
    }),
  );

  // Another device knows only the key (the link or the words): which mirror does it open?
  router.get(
    "/",
    safe(async (req, res) => {
      const key = keyOf(req, res);
      if (!key) return;
      const found = service.find(key);
      if (!found.ok) return sendError(res, fail("not_found", "Er is geen spiegel met deze sleutel. Controleer de link of de woorden."));
      res.set("Cache-Control", "no-store").json({ spiegelId: found.value });
    }),
  );

  router.post(
    "/:id/gesprekken",
    safe(async (req, res) => {
      const t = target(req, res);
      if (!t) return;
      const body = gesprekBody.safeParse(req.body);
      if (!body.success) {
        return sendError(res, fail("invalid_payload", "Geef je eigen inschatting: vier hele getallen van 0 tot en met 10 (vertrouwen, richting-kader, binding, stroefheid)."));
      }
      const result = await service.registerGesprek(t.id, t.key, body.data.own);
      if (!result.ok) return refused(res, result.reason);
      res.status(201).json(result.value);
    }),
  );

  router.post(
    "/:id/deelcode",
    safe(async (req, res) => {
      const t = target(req, res);
      if (!t) return;
      const result = await service.shareCode(t.id, t.key);
      if (!result.ok) return refused(res, result.reason);
      if (!result.value) {
        return sendError(
          res,
          fail("wrong_phase", "Je spiegel heeft nog geen vrijgegeven antwoorden van cliënten. Een deelcode kan pas als er minstens één keer antwoorden zijn vrijgegeven (drie of meer tegelijk)."),
        );
      }
      res.status(201).set("Cache-Control", "no-store").json(result.value);
    }),
  );

  router.get(
    "/:id",
    safe(async (req, res) => {
      const t = target(req, res);
      if (!t) return;
      const result = await service.read(t.id, t.key);
      if (!result.ok) return refused(res, result.reason);
      const { gesprekken, released, elements, untilFirstRelease, releases } = result.value;
      res.set("Cache-Control", "no-store").json({ gesprekken, released, elements, untilFirstRelease, releases });
    }),
  );

  router.delete(
    "/:id",
    safe(async (req, res) => {
      const t = target(req, res);
      if (!t) return;
      const result = await service.remove(t.id, t.key);
      if (!result.ok) return refused(res, result.reason);
      res.status(204).end();
    }),
  );
  return router;
}
