// Sockets in rooms: who is in which room as whom, joining, leaving, coming back, and being sent out.
import type { Actor } from "../../../app/core/session";
import { broadcast } from "./broadcast";
import type { RoomsContext } from "./context";
import { hostRoom, type LiveSocket, type Room, sessionRoom } from "./room";

/** session:taken-over: this seat now rates in another tab or on another device. */
const TAKEN_OVER = "Je beoordeelt nu in een ander venster of op een ander apparaat. Hier is het beoordelen gestopt; wat al was opgeslagen, blijft bewaard.";

/**
 * Puts a socket in a room as `actor` (leaving any room it was in). A seat rates through one
 * connection: a participant's other sockets are told and closed (docs/decisions/016).
 */
export function attach(ctx: RoomsContext, room: Room, socket: LiveSocket, actor: Actor): void {
  detach(ctx, socket, false);
  if (actor.kind === "participant") {
    for (const other of [...room.sockets.values()]) {
      if (other.actor.kind === "participant" && other.actor.participantId === actor.participantId && other.socket.id !== socket.id) {
        expel(room, other.socket, TAKEN_OVER, "session:taken-over");
      }
    }
  }
  socket.data.sessionId = room.id;
  socket.data.actor = actor;
  room.sockets.set(socket.id, { socket, actor });
  void socket.join(sessionRoom(room.id));
  if (actor.kind === "host") void socket.join(hostRoom(room.id));
}

/** Takes a socket out of its room; tells the others when that changes who is connected. */
export function detach(ctx: RoomsContext, socket: LiveSocket, announce = true): void {
  const id = socket.data.sessionId;
  if (!id) return;
  const room = ctx.registry.byId(id);
  // A fresh object: Socket.IO keeps the old one for connection state recovery (see reattach).
  socket.data = {};
  void socket.leave(sessionRoom(id));
  void socket.leave(hostRoom(id));
  if (!room) return;
  const entry = room.sockets.get(socket.id);
  room.sockets.delete(socket.id);
  // Idle time counts from the last one leaving (lifecycle.ts).
  room.lastUsed = performance.now();
  if (announce && entry?.actor.kind === "participant") {
    const pid = entry.actor.participantId;
    if (![...room.sockets.values()].some((s) => s.actor.kind === "participant" && s.actor.participantId === pid)) broadcast(ctx, room);
  }
}

/**
 * A socket that Socket.IO's connection state recovery brought back keeps its data and rooms.
 * We do not trust that alone: the seat must still exist and not be removed.
 */
export function reattach(ctx: RoomsContext, socket: LiveSocket): void {
  const { sessionId, actor } = socket.data;
  socket.data.sessionId = undefined;
  socket.data.actor = undefined;
  const room = sessionId ? ctx.registry.byId(sessionId) : undefined;
  if (!room || !actor) {
    if (sessionId) {
      void socket.leave(sessionRoom(sessionId));
      void socket.leave(hostRoom(sessionId));
    }
    return;
  }
  if (actor.kind === "participant") {
    const p = room.state.doc.participants.find((x) => x.id === actor.participantId);
    if (!p || p.removed) {
      void socket.leave(sessionRoom(room.id));
      socket.emit("session:removed", { message: "De begeleider heeft je uit deze sessie gehaald." });
      socket.disconnect(true);
      return;
    }
  }
  attach(ctx, room, socket, actor);
  broadcast(ctx, room);
}

export function expel(room: Room, socket: LiveSocket, message: string, event: "session:removed" | "session:taken-over" = "session:removed"): void {
  room.sockets.delete(socket.id);
  socket.data.sessionId = undefined;
  socket.data.actor = undefined;
  void socket.leave(sessionRoom(room.id));
  void socket.leave(hostRoom(room.id));
  socket.emit(event, { message });
  // Closing the connection from the server side stops the client's automatic reconnection.
  socket.disconnect(true);
}

/** After a participant was removed: their open sockets are told and closed. */
export function expelParticipant(room: Room, participantId: string): void {
  for (const { socket, actor } of [...room.sockets.values()]) {
    if (actor.kind === "participant" && actor.participantId === participantId) {
      expel(room, socket, "De begeleider heeft je uit deze sessie gehaald.");
    }
  }
}
