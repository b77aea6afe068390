// spiegel:share (a participant brings their mirror with a one-time share code) and spiegel:decide
// (the host accepts or declines it). The code is used up only after the session's own rules said
// yes, and given back when the share could not be stored. Only the summary enters the session
// document (fsynced before the ack); the host and the sharer get a new snapshot.
import { fail, ok } from "../../app/core/protocol";
import { shareRefusal, spiegelDecidePayload, spiegelSharePayload } from "../../app/core/spiegel-share";
import type { ShareTake } from "../spiegel-service";
import { type HandlerContext, on, seat } from "./handler";
import type { KeyedLimiter } from "./rate-limit";
import type { LiveSocket } from "./rooms";

export interface SpiegelShareDeps {
  /** The mirrors' share codes; null when "Mijn spiegel" is switched off on this server. */
  codes: { takeShareCode(code: string): ShareTake } | null;
  /** Per address: wrong share codes (unknown, used, expired), like wrong join codes. */
  guesses: KeyedLimiter;
}

const OFF = "Mijn spiegel staat uit op deze server, dus een spiegel delen kan hier niet.";
const REFUSED: Record<Exclude<ShareTake, { ok: true }>["reason"], string> = {
  unknown: "Deze deelcode bestaat niet. Controleer de code in je spiegel, of maak daar een nieuwe.",
  used: "Deze deelcode is al gebruikt: een deelcode werkt één keer. Maak in je spiegel een nieuwe.",
  expired: "Deze deelcode is verlopen. Maak in je spiegel een nieuwe.",
  empty: "Deze spiegel heeft (nu) geen vrijgegeven antwoorden van cliënten, dus er is niets om te delen.",
};

export function registerSpiegelHandlers(socket: LiveSocket, ctx: HandlerContext, deps: SpiegelShareDeps): void {
  const { rooms } = ctx;

  on(socket, ctx, "spiegel:share", { schema: spiegelSharePayload, maxBytes: 256 }, async (input) => {
    const s = seat(socket, ctx);
    if (!("room" in s)) return s;
    if (s.actor.kind !== "participant") return fail("forbidden", "Als begeleider deel je geen spiegel in de sessie.");
    const pid = s.actor.participantId;
    if (!deps.codes) return fail("not_found", OFF);
    const { doc } = s.room.state;
    // The session's rules first, so a refused share does not use up the code.
    const refusal = shareRefusal(doc.phase, doc.sharedSpiegels ?? [], pid);
    if (refusal) return { ok: false, error: refusal };
    if (!deps.guesses.has(ctx.ip)) return fail("rate_limited", "Te veel onjuiste deelcodes geprobeerd vanaf dit adres. Wacht een minuut en controleer de code.");
    const taken = deps.codes.takeShareCode(input.code);
    if (!taken.ok) {
      deps.guesses.take(ctx.ip);
      return fail("not_found", REFUSED[taken.reason]);
    }
    const shareId = rooms.newId();
    const result = await rooms.execute(s.room, { type: "spiegel-share", shareId, show: input.show, summary: taken.summary }, s.actor, socket);
    if (!result.ok) {
      taken.giveBack();
      return result;
    }
    return { ack: ok({ shareId, status: "pending" as const }), after: () => rooms.broadcastToHostAnd(s.room, result.value.events, pid) };
  });

  on(socket, ctx, "spiegel:decide", { schema: spiegelDecidePayload, maxBytes: 256 }, async (input) => {
    const s = seat(socket, ctx);
    if (!("room" in s)) return s;
    const owner = s.room.state.doc.sharedSpiegels?.find((x) => x.id === input.shareId)?.participantId ?? "";
    const result = await rooms.execute(s.room, { type: "spiegel-decide", shareId: input.shareId, accept: input.accept }, s.actor);
    if (!result.ok) return result;
    // The projector joins as the host, so it follows the host's snapshot.
    return { ack: ok({ shareId: input.shareId, accepted: input.accept }), after: () => rooms.broadcastToHostAnd(s.room, result.value.events, owner) };
  });
}
