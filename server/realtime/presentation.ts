// presentation:show (host, reveal and discussion): the reveal step and the hotspot or tip the projector
// shows. Stored in the session document (fsynced) before the ack, so a projector reload or a server
// restart shows the same step; then everyone gets the new snapshot.
import { ok, presentationPayload } from "../../app/core/protocol";
import { type HandlerContext, on, seat } from "./handler";
import type { LiveSocket } from "./rooms";

export function registerPresentationHandlers(socket: LiveSocket, ctx: HandlerContext): void {
  const { rooms } = ctx;
  on(socket, ctx, "presentation:show", { schema: presentationPayload, maxBytes: 256 }, async (input) => {
    const s = seat(socket, ctx);
    if (!("room" in s)) return s;
    const result = await rooms.execute(s.room, { type: "present", step: input.step, focus: input.focus }, s.actor);
    if (!result.ok) return result;
    const presentation = s.room.state.doc.presentation ?? { step: input.step, focus: input.focus };
    return { ack: ok({ presentation }), after: () => rooms.broadcast(s.room, result.value.events) };
  });
}
