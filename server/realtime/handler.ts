// The one way an event handler is registered: rate limit → size → zod → run → exactly one Ack.
// A handler never throws into Socket.IO; an unexpected error is logged and answered `internal`.
import type { z } from "zod";
import { type Ack, type AppError, type ClientToServerEvents, fail } from "../../app/core/protocol";
import type { Actor } from "../../app/core/session";
import { describeZodError, dutchErrors } from "../../app/core/zod-errors";
import { DAMAGED_SESSION_MESSAGE, StoreError } from "../store/json-doc";
import type { TokenBucket } from "./rate-limit";
import type { LiveSocket, Room, Rooms } from "./rooms";

export interface HandlerContext {
  rooms: Rooms;
  /** Per-socket flood guard. */
  bucket: TokenBucket;
  now: () => number;
  /** The client's address (for the per-IP join limit). */
  ip: string;
  warn: (message: string) => void;
}

type EventName = keyof ClientToServerEvents;
type DataOf<E extends EventName> = Parameters<ClientToServerEvents[E]>[1] extends (ack: Ack<infer T>) => void ? T : never;

/** Byte size of a payload as it came over the wire (roughly: its JSON). */
function payloadBytes(payload: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(payload) ?? "");
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** Numbers outside their range get `out_of_range`; every other schema miss is `invalid_payload`. */
function schemaError(error: z.ZodError): { ok: false; error: AppError } {
  const range = error.issues.every(
    (i) => (i.code === "too_big" || i.code === "too_small") && (i as { origin?: string }).origin === "number",
  );
  return fail(range ? "out_of_range" : "invalid_payload", `${range ? "Buiten het bereik" : "Deze invoer klopt niet"}: ${describeZodError(error)}`);
}

/** An ack, optionally with work to do right after it went out (the broadcast). */
export type Outcome<T> = Ack<T> | { ack: Ack<T>; after: () => void };

/** The events registered through `on` per socket: everything else is unknown (see refuseUnknownEvents). */
const handledEvents = new WeakMap<LiveSocket, Set<string>>();

export function on<E extends EventName, S extends z.ZodType>(
  socket: LiveSocket,
  ctx: HandlerContext,
  event: E,
  options: { schema: S; maxBytes: number; /** A payload known good without the schema (its copy skipped), or null. */ wellFormed?: (payload: unknown) => z.infer<S> | null },
  run: (input: z.infer<S>) => Promise<Outcome<DataOf<E>>> | Outcome<DataOf<E>>,
): void {
  let handled = handledEvents.get(socket);
  if (!handled) handledEvents.set(socket, (handled = new Set()));
  handled.add(event);
  socket.on(event as never, (async (...args: unknown[]) => {
    const reply = typeof args.at(-1) === "function" ? (args.pop() as (ack: Ack<DataOf<E>>) => void) : null;
    let answered = false;
    const answer = (ack: Ack<DataOf<E>>) => {
      if (answered || !reply) return;
      answered = true;
      reply(ack);
    };
    if (!ctx.bucket.take(ctx.now())) return answer(fail("rate_limited"));
    if (!reply) return; // without an ack we cannot answer; such an emit is ignored
    if (args.length !== 1) return answer(fail("invalid_payload", "Stuur precies één bericht per gebeurtenis."));
    const payload = args[0];
    if (payloadBytes(payload) > options.maxBytes) return answer(fail("payload_too_large"));
    const known = options.wellFormed?.(payload) ?? null;
    const parsed = known === null ? options.schema.safeParse(payload, dutchErrors) : ({ success: true, data: known } as const);
    if (!parsed.success) return answer(schemaError(parsed.error));
    try {
      const outcome = await run(parsed.data);
      if ("ack" in outcome) {
        answer(outcome.ack);
        outcome.after();
      } else answer(outcome);
    } catch (error) {
      ctx.warn(`Fout bij ${event}: ${(error as Error).stack ?? error}`);
      answer(error instanceof StoreError ? fail("internal", DAMAGED_SESSION_MESSAGE) : fail("internal"));
    }
  }) as never);
}

/**
 * An event no handler knows (a typo, an older or newer client, a probe) is answered too when it came
 * with a callback: `invalid_payload`, after the same per-socket rate limit. Without this the sender
 * waits for its ack timeout, and unknown events would be the one thing a client could flood freely.
 */
export function refuseUnknownEvents(socket: LiveSocket, ctx: HandlerContext): void {
  socket.onAny((event: unknown, ...args: unknown[]) => {
    // onAny runs before the event's own handler, which answers (and rate-limits) by itself. Socket.IO
    // has listeners of its own (a no-op for "error"), so only events registered through `on` count.
    if (typeof event === "string" && handledEvents.get(socket)?.has(event)) return;
    const reply = typeof args.at(-1) === "function" ? (args.at(-1) as (ack: Ack<never>) => void) : null;
    if (!ctx.bucket.take(ctx.now())) return reply?.(fail("rate_limited"));
    reply?.(fail("invalid_payload", "Deze gebeurtenis bestaat niet. Werk de pagina bij (herladen) en probeer het opnieuw."));
  });
}

/** The room and actor this socket joined as, or the error to answer with. */
export function seat(socket: LiveSocket, ctx: HandlerContext): { room: Room; actor: Actor } | { ok: false; error: AppError } {
  const { sessionId, actor } = socket.data;
  // A room with a socket in it is in memory (it is unloaded only when empty).
  const room = sessionId ? ctx.rooms.held(sessionId) : undefined;
  if (!room || !actor) return fail("unauthorized", "Meld je eerst aan bij een sessie.");
  return { room, actor };
}
