// reflection:submit, evaluation:submit (participants, in the reflection phase), tips:discussed,
// reflection:project and results:lag (host). Acked only once stored durably: reflections and
// evaluations go to the session's log (fdatasync), the tips and the projection to its document, the
// results computed again with another reaction-time correction to their own file (fsync).
import { evaluationPayload, lagPayload, ok, projectReflectionsPayload, reflectionPayload, tipDiscussedPayload } from "../../app/core/protocol";
import { type HandlerContext, on, seat } from "./handler";
import type { LiveSocket } from "./rooms";

/** Five texts of at most 1000 characters, each up to 4 bytes a character in UTF-8, plus JSON. */
const REFLECTION_MAX_BYTES = 24 * 1024;

export function registerReflectionHandlers(socket: LiveSocket, ctx: HandlerContext): void {
  const { rooms } = ctx;

  on(socket, ctx, "reflection:submit", { schema: reflectionPayload, maxBytes: REFLECTION_MAX_BYTES }, async (input) => {
    const s = seat(socket, ctx);
    if (!("room" in s)) return s;
    const result = await rooms.execute(s.room, { type: "reflection", ...input }, s.actor);
    if (!result.ok) return result;
    const pid = s.actor.kind === "participant" ? s.actor.participantId : "";
    const submittedAt = s.room.state.live[pid]?.reflection?.submittedAt ?? 0;
    return { ack: ok({ submittedAt }), after: () => rooms.broadcastToHostAnd(s.room, result.value.events, pid) };
  });

  on(socket, ctx, "evaluation:submit", { schema: evaluationPayload, maxBytes: 2048 }, async (input) => {
    const s = seat(socket, ctx);
    if (!("room" in s)) return s;
    const result = await rooms.execute(s.room, { type: "evaluation", answers: input.answers }, s.actor);
    if (!result.ok) return result;
    const pid = s.actor.kind === "participant" ? s.actor.participantId : "";
    const submittedAt = s.room.state.live[pid]?.evaluation?.submittedAt ?? 0;
    return { ack: ok({ submittedAt }), after: () => rooms.broadcastToHostAnd(s.room, result.value.events, pid) };
  });

  on(socket, ctx, "tips:discussed", { schema: tipDiscussedPayload, maxBytes: 256 }, async (input) => {
    const s = seat(socket, ctx);
    if (!("room" in s)) return s;
    const result = await rooms.execute(s.room, { type: "tip-discussed", tipId: input.tipId, discussed: input.discussed }, s.actor);
    if (!result.ok) return result;
    return { ack: ok({ discussedTips: [...(s.room.state.doc.discussedTips ?? [])] }), after: () => rooms.broadcast(s.room, result.value.events) };
  });

  on(socket, ctx, "reflection:project", { schema: projectReflectionsPayload, maxBytes: 256 }, async (input) => {
    const s = seat(socket, ctx);
    if (!("room" in s)) return s;
    const result = await rooms.execute(s.room, { type: "project-reflections", show: input.show }, s.actor);
    if (!result.ok) return result;
    return { ack: ok({ projecting: Boolean(s.room.state.doc.projectReflections) }), after: () => rooms.broadcast(s.room, result.value.events) };
  });

  on(socket, ctx, "results:lag", { schema: lagPayload, maxBytes: 64 }, async (input) => {
    const s = seat(socket, ctx);
    if (!("room" in s)) return s;
    const result = await rooms.setLag(s.room, s.actor, input.seconds);
    return result.ok ? ok(result.value) : result;
  });
}
