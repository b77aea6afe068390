// Presence for the host: who is rating right now.
import { activeRaters } from "../../../app/core/session";
import { type RoomsContext, nowMs } from "./context";
import { hostRoom } from "./room";

/** Presence for the host, volatile: only who rates, never a value; only when it changed. */
export function tickPresence(ctx: RoomsContext): void {
  const now = nowMs(ctx);
  for (const room of ctx.registry.values()) {
    const phase = room.state.doc.phase;
    if (phase !== "live" && phase !== "final") continue;
    if (![...room.sockets.values()].some((s) => s.actor.kind === "host")) continue;
    const active = activeRaters(room.state, now);
    const key = active.join(",");
    if (key === room.lastPresence) continue;
    room.lastPresence = key;
    ctx.deps.io.to(hostRoom(room.id)).volatile.emit("presence:active", { active });
  }
}
