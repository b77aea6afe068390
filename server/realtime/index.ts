// Wires the Socket.IO handlers, one file per domain, onto every connection.
import { clientAddress } from "../client-address";
import { registerAgendaHandlers } from "./agenda";
import { type HandlerContext, refuseUnknownEvents } from "./handler";
import { registerParticipantHandlers } from "./participants";
import { registerPresentationHandlers } from "./presentation";
import { KeyedLimiter, TokenBucket } from "./rate-limit";
import { registerRatingHandlers } from "./rating";
import { registerReflectionHandlers } from "./reflection";
import type { LiveServer, LiveSocket, Rooms } from "./rooms";
import { type JoinLimits, registerSessionHandlers } from "./session";
import { registerSpiegelHandlers, type SpiegelShareDeps } from "./spiegel";

/**
 * Per socket: 40 events at once, 20 a second after that. A client sends about one samples batch
 * a second plus a few taps; an outbox resent after a reconnect goes in batches of up to 200 samples.
 */
export const SOCKET_LIMIT = { capacity: 40, perSecond: 20 };
/** Per address: 60 joins at once (an OT group behind one router), then one a second. */
export const JOIN_LIMIT = { capacity: 60, perSecond: 1 };
/** Per address: 10 failed joins (unknown code, wrong token), then one every 6 seconds. */
export const GUESS_LIMIT = { capacity: 10, perSecond: 1 / 6 };

export interface RealtimeOptions {
  now: () => number;
  trustProxy: number;
  warn: (message: string) => void;
  /** The mirrors' share codes (spiegel:share); absent when "Mijn spiegel" is off. */
  spiegelCodes?: SpiegelShareDeps["codes"];
}

export function createJoinLimits(now: () => number): JoinLimits {
  return { joins: new KeyedLimiter(JOIN_LIMIT, now), guesses: new KeyedLimiter(GUESS_LIMIT, now) };
}

export function attachRealtime(io: LiveServer, rooms: Rooms, limits: JoinLimits, options: RealtimeOptions): void {
  const spiegel: SpiegelShareDeps = { codes: options.spiegelCodes ?? null, guesses: new KeyedLimiter(GUESS_LIMIT, options.now) };
  io.on("connection", (socket: LiveSocket) => {
    const ctx: HandlerContext = {
      rooms,
      bucket: new TokenBucket(SOCKET_LIMIT, options.now()),
      now: options.now,
      ip: clientAddress(socket.request, options.trustProxy),
      warn: options.warn,
    };
    if (socket.recovered) rooms.reattach(socket);
    registerSessionHandlers(socket, ctx, limits);
    registerParticipantHandlers(socket, ctx);
    registerRatingHandlers(socket, ctx);
    registerReflectionHandlers(socket, ctx);
    registerPresentationHandlers(socket, ctx);
    registerAgendaHandlers(socket, ctx);
    registerSpiegelHandlers(socket, ctx, spiegel);
    refuseUnknownEvents(socket, ctx);
    socket.on("disconnect", () => rooms.detach(socket));
  });
}
