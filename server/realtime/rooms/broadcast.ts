// What the sockets of a room are sent: each its own snapshot, and the results with their tips.
import type { SessionSnapshot } from "../../../app/core/protocol";
import { type Actor, buildSnapshot, changesSnapshot, type SessionEvent } from "../../../app/core/session";
import { type RoomsContext, nowMs } from "./context";
import { tipsFor } from "./results";
import { connectedIds, type Room, sessionRoom } from "./room";

function snapshotCtx(ctx: RoomsContext, room: Room) {
  return { now: nowMs(ctx), connected: connectedIds(room), elementNames: ctx.elementNames };
}

export function snapshot(ctx: RoomsContext, room: Room, actor: Actor): SessionSnapshot {
  return buildSnapshot(room.state, actor, snapshotCtx(ctx, room));
}

/** Sends every socket in the room its own snapshot (when the events changed what people see). */
export function broadcast(ctx: RoomsContext, room: Room, events?: readonly SessionEvent[], only?: (actor: Actor) => boolean): void {
  if (events && !events.some(changesSnapshot)) return;
  if (room.stale) return; // memory may claim what the disk does not hold (see Room.stale)
  const sctx = snapshotCtx(ctx, room);
  for (const { socket, actor } of room.sockets.values()) {
    if (!only || only(actor)) socket.emit("session:state", buildSnapshot(room.state, actor, sctx));
  }
}

/** After a reflection or evaluation: only the host's counts and the writer's own view changed. */
export function broadcastToHostAnd(ctx: RoomsContext, room: Room, events: readonly SessionEvent[], participantId: string): void {
  broadcast(ctx, room, events, (actor) => actor.kind === "host" || (actor.kind === "participant" && actor.participantId === participantId));
}

export function emitResults(ctx: RoomsContext, room: Room): void {
  if (!room.results) return;
  ctx.deps.io.to(sessionRoom(room.id)).emit("session:results", room.results.results);
  ctx.deps.io.to(sessionRoom(room.id)).emit("session:tips", tipsFor(ctx, room.results.results));
}
