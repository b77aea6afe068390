// participant:remove, participant:focus (host), participant:own-focus (a rater).
import { focusPayload, ok, ownFocusPayload, removePayload } from "../../app/core/protocol";
import type { ElementId } from "../../app/core/domain";
import { type HandlerContext, on, seat } from "./handler";
import type { LiveSocket } from "./rooms";

export function registerParticipantHandlers(socket: LiveSocket, ctx: HandlerContext): void {
  const { rooms } = ctx;

  on(socket, ctx, "participant:remove", { schema: removePayload, maxBytes: 256 }, async (input) => {
    const s = seat(socket, ctx);
    if (!("room" in s)) return s;
    const result = await rooms.execute(s.room, { type: "remove", participantId: input.participantId }, s.actor);
    if (!result.ok) return result;
    return {
      ack: ok({ participantId: input.participantId }),
      after: () => {
        rooms.expelParticipant(s.room, input.participantId);
        rooms.broadcast(s.room);
      },
    };
  });

  on(socket, ctx, "participant:focus", { schema: focusPayload, maxBytes: 256 }, async (input) => {
    const s = seat(socket, ctx);
    if (!("room" in s)) return s;
    const command = "spread" in input ? ({ type: "spread-focus" } as const) : ({ type: "focus", participantId: input.participantId, element: input.element } as const);
    const result = await rooms.execute(s.room, command, s.actor);
    if (!result.ok) return result;
    const focus: Record<string, ElementId | null> = {};
    for (const event of result.value.events) if (event.type === "focus-changed") Object.assign(focus, event.focus);
    return { ack: ok({ focus }), after: () => rooms.broadcast(s.room, result.value.events) };
  });

  on(socket, ctx, "participant:own-focus", { schema: ownFocusPayload, maxBytes: 256 }, async (input) => {
    const s = seat(socket, ctx);
    if (!("room" in s)) return s;
    const result = await rooms.execute(s.room, { type: "own-focus", element: input.element }, s.actor);
    if (!result.ok) return result;
    return { ack: ok({ focus: input.element }), after: () => rooms.broadcast(s.room, result.value.events) };
  });
}
