// rating:samples, moment:mark, rating:final. Acked only once stored durably; a retry is harmless
// (dedupe by seq; an identical final rating is not stored twice). Stored batches of samples are
// counted for the host (rating:progress), without their values.
import { finalPayload, momentPayload, ok, type RatingProgress, samplesPayload, wellFormedSamples } from "../../app/core/protocol";
import { type HandlerContext, on, seat } from "./handler";
import { hostRoom, type LiveSocket, type Room } from "./rooms";

/** Room for 200 samples with long floats; anything bigger is not a client of ours. */
const SAMPLES_MAX_BYTES = 24 * 1024;

/** Per room, what was stored in this turn of the event loop and its host has not been told yet. */
const progressToTell = new WeakMap<Room, Map<string, RatingProgress>>();

/**
 * Counts a stored batch for the room's host. A group commit acks the batches of several raters at
 * once; the host gets them as one rating:progress at the end of that turn of the event loop, not one
 * message per batch (docs/decisions/027).
 */
function tellHost(socket: LiveSocket, room: Room, participantId: string, lastSeq: number, samples: number): void {
  let raters = progressToTell.get(room);
  if (!raters) {
    const told = (raters = new Map());
    progressToTell.set(room, told);
    setImmediate(() => {
      progressToTell.delete(room);
      // Not kept for connection state recovery (recovery-adapter.ts, decision 030).
      socket.nsp.to(hostRoom(room.id)).emit("rating:progress", { raters: [...told.values()] });
    });
  }
  const before = raters.get(participantId);
  raters.set(participantId, { participantId, lastSeq: Math.max(lastSeq, before?.lastSeq ?? 0), samples: samples + (before?.samples ?? 0) });
}

export function registerRatingHandlers(socket: LiveSocket, ctx: HandlerContext): void {
  const { rooms } = ctx;

  on(socket, ctx, "rating:samples", { schema: samplesPayload, maxBytes: SAMPLES_MAX_BYTES, wellFormed: wellFormedSamples }, async (input) => {
    const s = seat(socket, ctx);
    if (!("room" in s)) return s;
    const result = await rooms.execute(s.room, { type: "samples", samples: input.samples }, s.actor, socket);
    if (!result.ok) return result;
    const pid = s.actor.kind === "participant" ? s.actor.participantId : "";
    const lastSeq = s.room.state.live[pid]?.lastSampleSeq ?? 0;
    const stored = result.value.events.find((e) => e.type === "samples-stored");
    if (!stored) return ok({ lastSeq }); // a duplicate: nothing new for the host
    return {
      ack: ok({ lastSeq }),
      // The host sees that it was stored and how much, never a value.
      after: () => tellHost(socket, s.room, pid, lastSeq, stored.samples.length),
    };
  });

  on(socket, ctx, "moment:mark", { schema: momentPayload, maxBytes: 4096 }, async (input) => {
    const s = seat(socket, ctx);
    if (!("room" in s)) return s;
    const result = await rooms.execute(s.room, { type: "moment", ...input }, s.actor, socket);
    if (!result.ok) return result;
    const pid = s.actor.kind === "participant" ? s.actor.participantId : "";
    return ok({ lastSeq: s.room.state.live[pid]?.lastMomentSeq ?? 0 });
  });

  on(socket, ctx, "rating:final", { schema: finalPayload, maxBytes: 16 * 1024 }, async (input) => {
    const s = seat(socket, ctx);
    if (!("room" in s)) return s;
    const result = await rooms.execute(s.room, { type: "final", ...input }, s.actor);
    if (!result.ok) return result;
    const pid = s.actor.kind === "participant" ? s.actor.participantId : "";
    const submittedAt = s.room.state.live[pid]?.final?.submittedAt ?? 0;
    return { ack: ok({ submittedAt }), after: () => rooms.broadcast(s.room, result.value.events) };
  });
}
