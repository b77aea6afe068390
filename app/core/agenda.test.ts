// The OT method's agenda (issue 10): the host moves through timed rounds beside the phases; the time
// left comes from a stored start; the report lists the rounds held; an eigen casus is kept 7 days.
import { describe, expect, it } from "vitest";
import { formatRemaining, MAX_AGENDA_LOG, OWN_CASE_RETENTION_DAYS, retentionDaysFor, roundsHeld, roundTiming, type SessionMethod } from "./agenda";
import { roundPayload } from "./protocol";
import { type Actor, applyCommand, buildSnapshot, createSessionInput, initialState, newSessionDoc, type SessionCommand, type SessionState } from "./session";

const HOST: Actor = { kind: "host" };
const GUEST: Actor = { kind: "guest" };
const METHOD: SessionMethod = {
  id: "incidentmethode",
  title: "Incidentmethode",
  ownCase: false,
  rounds: [
    { id: "opening", title: "Opening en rollen", minutes: 5, phase: "lobby" },
    { id: "kijken", title: "Kijken en live beoordelen", minutes: 15, phase: "live" },
    { id: "analyse", title: "Analyse", minutes: 15, phase: "reveal" },
  ],
};

function session(method: SessionMethod | null = METHOD): SessionState {
  const input = createSessionInput.parse({ title: "OT april", source: { kind: "roleplay" }, separateRoles: true, nameDisplay: "namen", ...(method ? { method: method.id } : {}) });
  return initialState(newSessionDoc({ id: "sessie-0000000000000010", code: "ACD234", hostTokenHash: "h".repeat(64), now: 0, input, vignette: null, method }));
}

function apply(state: SessionState, command: SessionCommand, actor: Actor = HOST, now = 60_000) {
  return applyCommand(state, command, actor, { now, behaviours: new Map() });
}

function ok(state: SessionState, command: SessionCommand, actor: Actor = HOST, now = 60_000) {
  const result = apply(state, command, actor, now);
  if (!result.ok) throw new Error(`${command.type} refused: ${result.error.code} ${result.error.message}`);
  return result.value;
}

describe("the agenda of a method", () => {
  it("a new session with a method starts at round 1, not yet running; without a method there is no agenda", () => {
    const s = session();
    expect(s.doc.method?.rounds.map((r) => r.id)).toEqual(["opening", "kijken", "analyse"]);
    expect(s.doc.agenda).toEqual({ index: 0, startedAt: null, log: [] });
    const plain = session(null);
    expect("method" in plain.doc || "agenda" in plain.doc).toBe(false);
    expect(buildSnapshot(plain, HOST, { now: 0, connected: new Set() }).agenda).toBeNull();
  });

  it("round:set starts a round at the server's time, and the snapshot carries it to everyone", () => {
    const first = ok(session(), { type: "round", index: 0 }, HOST, 60_000);
    expect(first.events).toEqual([{ type: "round-changed", agenda: { index: 0, startedAt: 60_000, log: [{ index: 0, at: 60_000 }] } }]);
    const second = ok(first.state, { type: "round", index: 1 }, HOST, 400_000);
    expect(second.state.doc.agenda).toEqual({ index: 1, startedAt: 400_000, log: [{ index: 0, at: 60_000 }, { index: 1, at: 400_000 }] });
    const snap = buildSnapshot(second.state, { kind: "participant", participantId: "x" }, { now: 500_000, connected: new Set() });
    expect(snap.agenda).toEqual({ index: 1, startedAt: 400_000 });
    expect(snap.method?.title).toBe("Incidentmethode");
  });

  it("the same round again while it runs writes nothing; going back is allowed and logged", () => {
    const running = ok(session(), { type: "round", index: 1 }).state;
    expect(ok(running, { type: "round", index: 1 }, HOST, 90_000).events).toEqual([]);
    const back = ok(running, { type: "round", index: 0 }, HOST, 120_000);
    expect(back.state.doc.agenda?.log.map((e) => e.index)).toEqual([1, 0]);
  });

  it("refuses a bad index, a session without a method, a participant, a guest and a closed session, changing nothing", () => {
    const s = session();
    const outside = apply(s, { type: "round", index: 3 });
    expect(outside.ok || outside.error).toEqual({ code: "out_of_range", message: "Deze werkvorm heeft 3 rondes: kies ronde 1 tot en met 3." });
    const none = apply(session(null), { type: "round", index: 0 });
    expect(none.ok || none.error).toEqual({ code: "invalid_payload", message: "Deze sessie volgt geen werkvorm met rondes." });
    const joined = ok(s, { type: "join", participantId: "p1", resumeTokenHash: "p".repeat(64), name: "Anna", role: "arbeidsdeskundige" }, GUEST).state;
    const byRater = apply(joined, { type: "round", index: 1 }, { kind: "participant", participantId: "p1" });
    expect(byRater.ok || byRater.error.code).toBe("forbidden");
    const byGuest = apply(s, { type: "round", index: 1 }, GUEST);
    expect(byGuest.ok || byGuest.error.code).toBe("unauthorized");
    let closed = s;
    for (const phase of ["briefing", "live", "final", "reveal", "closed"] as const) closed = ok(closed, { type: "phase", phase }).state;
    const late = apply(closed, { type: "round", index: 1 });
    expect(late.ok || late.error.code).toBe("session_closed");
    expect(s.doc.agenda).toEqual({ index: 0, startedAt: null, log: [] });
  });

  it("the payload schema takes a whole index from 0 and nothing else", () => {
    expect(roundPayload.safeParse({ index: 2 }).success).toBe(true);
    for (const bad of [{ index: -1 }, { index: 1.5 }, { index: "2" }, { index: 100 }, {}, { index: 1, extra: true }]) {
      expect(roundPayload.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("keeps at most MAX_AGENDA_LOG round changes", () => {
    let s = session();
    for (let i = 0; i < MAX_AGENDA_LOG; i++) s = ok(s, { type: "round", index: i % 2 }, HOST, 1_000 * (i + 1)).state;
    const more = apply(s, { type: "round", index: 2 });
    expect(more.ok || more.error.code).toBe("out_of_range");
  });
});

describe("time left and rounds held", () => {
  it("counts down from the stored start and shows over time, never stopping", () => {
    const view = { index: 1, startedAt: 100_000 };
    expect(roundTiming(METHOD, view, 100_000 + 60_000)).toMatchObject({ index: 1, started: true, elapsed: 60, remaining: 14 * 60, overTime: false });
    const late = roundTiming(METHOD, view, 100_000 + 16 * 60_000 + 5_000)!;
    expect(late).toMatchObject({ remaining: -65, overTime: true });
    expect(formatRemaining(late.remaining)).toBe("1:05 over tijd");
    expect(formatRemaining(14 * 60)).toBe("14:00");
    expect(roundTiming(METHOD, { index: 0, startedAt: null }, 9_999_999)).toMatchObject({ started: false, remaining: 300, overTime: false });
    expect(roundTiming(null, null, 0)).toBeNull();
  });

  it("lists every round held with its start and how long it took; the last ends at the given end", () => {
    const agenda = { index: 2, startedAt: 1_500_000, log: [{ index: 0, at: 0 }, { index: 1, at: 300_000 }, { index: 2, at: 1_500_000 }] };
    expect(roundsHeld(METHOD, agenda, 2_400_000)).toEqual([
      { id: "opening", title: "Opening en rollen", minutes: 5, startedAt: 0, seconds: 300 },
      { id: "kijken", title: "Kijken en live beoordelen", minutes: 15, startedAt: 300_000, seconds: 1200 },
      { id: "analyse", title: "Analyse", minutes: 15, startedAt: 1_500_000, seconds: 900 },
    ]);
    expect(roundsHeld(METHOD, agenda, null).at(-1)?.seconds).toBeNull();
  });
});

describe("retention of an eigen casus", () => {
  it("is at most 7 days, also when other sessions are kept longer or forever", () => {
    expect(OWN_CASE_RETENTION_DAYS).toBe(7);
    expect(retentionDaysFor({ ownCase: true }, 30)).toBe(7);
    expect(retentionDaysFor({ ownCase: true }, 0)).toBe(7);
    expect(retentionDaysFor({ ownCase: true }, 3)).toBe(3);
    expect(retentionDaysFor({ ownCase: false }, 30)).toBe(30);
    expect(retentionDaysFor(null, 0)).toBe(0);
  });
});
