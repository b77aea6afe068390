// round:set (host, any phase until closed): the OT method's agenda moves to another round. Stored in
// the session document (fsynced) with the server time the round started, before the ack, so a reload
// or a restart shows the same round and time left; then everyone gets the new snapshot.
import { ok, roundPayload } from "../../app/core/protocol";
import { type HandlerContext, on, seat } from "./handler";
import type { LiveSocket } from "./rooms";

export function registerAgendaHandlers(socket: LiveSocket, ctx: HandlerContext): void {
  const { rooms } = ctx;
  on(socket, ctx, "round:set", { schema: roundPayload, maxBytes: 128 }, async (input) => {
    const s = seat(socket, ctx);
    if (!("room" in s)) return s;
    const result = await rooms.execute(s.room, { type: "round", index: input.index }, s.actor);
    if (!result.ok) return result;
    const agenda = s.room.state.doc.agenda!;
    return { ack: ok({ agenda: { index: agenda.index, startedAt: agenda.startedAt } }), after: () => rooms.broadcast(s.room, result.value.events) };
  });
}
