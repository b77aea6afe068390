// session:join, session:phase, session:clock.
import { clockPayload, fail, joinPayload, ok, phasePayload } from "../../app/core/protocol";
import type { Actor, SessionCommand } from "../../app/core/session";
import { type HandlerContext, on, seat } from "./handler";
import type { KeyedLimiter } from "./rate-limit";
import { hashToken, type LiveSocket } from "./rooms";

export interface JoinLimits {
  /** Every join attempt per address: a whole OT group behind one wifi router must fit. */
  joins: KeyedLimiter;
  /** Failed attempts (unknown code, wrong token) per address: this is what makes guessing slow. */
  guesses: KeyedLimiter;
}

export function registerSessionHandlers(socket: LiveSocket, ctx: HandlerContext, limits: JoinLimits): void {
  const { rooms } = ctx;

  on(socket, ctx, "session:join", { schema: joinPayload, maxBytes: 1024 }, async (input) => {
    if (!limits.joins.take(ctx.ip)) return fail("rate_limited", "Te veel aanmeldingen vanaf dit adres. Wacht een minuut.");
    if (!limits.guesses.has(ctx.ip)) {
      return fail("rate_limited", "Te veel onjuiste codes geprobeerd vanaf dit adres. Wacht een minuut en controleer de code.");
    }
    // Read from disk when not in memory; a damaged log rejects, answered by `on` in Dutch.
    const room = await rooms.byCode(input.code);
    if (!room) {
      limits.guesses.take(ctx.ip);
      return fail("not_found");
    }
    let command: SessionCommand;
    let resumeToken: string;
    let newParticipantId: string | null = null;
    if ("name" in input) {
      newParticipantId = rooms.newId();
      resumeToken = rooms.newId();
      command = { type: "join", participantId: newParticipantId, resumeTokenHash: hashToken(resumeToken), name: input.name, role: input.role };
    } else if ("resumeToken" in input) {
      resumeToken = input.resumeToken;
      command = { type: "resume", resumeTokenHash: hashToken(input.resumeToken) };
    } else {
      resumeToken = input.hostToken;
      command = { type: "attach-host", hostTokenHash: hashToken(input.hostToken) };
    }
    const result = await rooms.execute(room, command, { kind: "guest" });
    if (!result.ok) {
      if (result.error.code === "unauthorized") limits.guesses.take(ctx.ip);
      return result;
    }
    let actor: Actor = { kind: "host" };
    for (const event of result.value.events) {
      if (event.type === "participant-joined") actor = { kind: "participant", participantId: event.participant.id };
      if (event.type === "participant-resumed") actor = { kind: "participant", participantId: event.participantId };
    }
    rooms.attach(room, socket, actor);
    const role = actor.kind === "host" ? ("host" as const) : room.state.doc.participants.find((p) => p.id === (actor as { participantId: string }).participantId)!.role;
    const results = await rooms.ensureResults(room);
    return {
      ack: ok({
        participantId: actor.kind === "host" ? "host" : actor.participantId,
        resumeToken,
        role,
        state: rooms.snapshot(room, actor),
      }),
      after: () => {
        // Everyone sees the newcomer (or that a seat is connected again); a late arrival gets the results.
        rooms.broadcast(room);
        // A host who arrives while storing fails is told straight away.
        const storage = rooms.storageStatus(room);
        if (storage && actor.kind === "host") socket.emit("storage:status", storage);
        if (results !== null) {
          socket.emit("session:results", results);
          socket.emit("session:tips", rooms.tipsFor(results));
        }
      },
    };
  });

  on(socket, ctx, "session:phase", { schema: phasePayload, maxBytes: 256 }, async (input) => {
    const s = seat(socket, ctx);
    if (!("room" in s)) return s;
    if (input.phase === "reveal") {
      const result = await rooms.reveal(s.room, s.actor);
      if (!result.ok) return result;
      return {
        ack: ok({ phase: s.room.state.doc.phase }),
        after: () => {
          rooms.broadcast(s.room);
          rooms.emitResults(s.room);
        },
      };
    }
    const result = await rooms.execute(s.room, { type: "phase", phase: input.phase }, s.actor);
    if (!result.ok) return result;
    return { ack: ok({ phase: s.room.state.doc.phase }), after: () => rooms.broadcast(s.room, result.value.events) };
  });

  on(socket, ctx, "session:clock", { schema: clockPayload, maxBytes: 256 }, async (input) => {
    const s = seat(socket, ctx);
    if (!("room" in s)) return s;
    const result = await rooms.execute(s.room, { type: "clock", action: input.action, t: input.t }, s.actor);
    if (!result.ok) return result;
    return { ack: ok({ ...s.room.state.doc.clock }), after: () => rooms.broadcast(s.room, result.value.events) };
  });
}
