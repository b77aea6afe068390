import { describe, expect, it } from "vitest";
import { ELEMENT_IDS } from "./domain";
import { PHASES, type Phase } from "./protocol";
import {
  type Actor,
  applyCommand,
  buildSnapshot,
  canTransition,
  clockTime,
  createSessionInput,
  initialState,
  newSessionDoc,
  PHASE_TRANSITIONS,
  type SessionCommand,
  type SessionState,
  spreadFocusAssignment,
  type TransitionContext,
} from "./session";

const HOST: Actor = { kind: "host" };
const GUEST: Actor = { kind: "guest" };
const as = (participantId: string): Actor => ({ kind: "participant", participantId });
const behaviours = new Map<string, string>([
  ["veilige-sfeer", "vertrouwen"],
  ["uitleg-doel", "richting-kader"],
  ["echte-interesse", "binding"],
  ["druk-reintegratie", "stroefheid"],
]);
const ctx = (now = 1_000): TransitionContext => ({ now, behaviours });

function session(kind: "vignette" | "media" | "roleplay" = "vignette", duration = 600): SessionState {
  const input = createSessionInput.parse({
    title: "OT maart",
    source: kind === "vignette" ? { kind, slug: "casus" } : { kind },
    separateRoles: true,
    nameDisplay: "namen",
  });
  return initialState(
    newSessionDoc({
      id: "sessie-0000000000000001",
      code: "ACD234",
      hostTokenHash: "h".repeat(64),
      now: 0,
      input,
      vignette: kind === "vignette" ? { title: "Casus", situation: "Situatie", groupQuestion: "Vraag?", duration } : null,
    }),
  );
}

/** Applies and expects success. */
function run(state: SessionState, command: SessionCommand, actor: Actor = HOST, now = 1_000) {
  const result = applyCommand(state, command, actor, ctx(now));
  if (!result.ok) throw new Error(`${command.type} refused: ${result.error.code} ${result.error.message}`);
  return result.value;
}

function refused(state: SessionState, command: SessionCommand, actor: Actor = HOST, now = 1_000) {
  const result = applyCommand(state, command, actor, ctx(now));
  if (result.ok) throw new Error(`${command.type} was accepted`);
  return result.error;
}

function withRaters(state = session()): SessionState {
  let s = state;
  const people: [string, "arbeidsdeskundige" | "ervaringsdeskundige" | "observator"][] = [
    ["ad1", "arbeidsdeskundige"],
    ["ad2", "arbeidsdeskundige"],
    ["ed1", "ervaringsdeskundige"],
    ["obs", "observator"],
  ];
  people.forEach(([id, role], i) => {
    s = run(s, { type: "join", participantId: id, resumeTokenHash: `${id}`.padEnd(64, "0"), name: `Naam ${id}`, role }, GUEST, 100 + i).state;
  });
  return s;
}

function atPhase(phase: Phase, state = withRaters()): SessionState {
  const path: Phase[] = ["lobby", "briefing", "live", "final", "reveal", "discussion", "reflection", "closed"];
  let s = state;
  for (const p of path.slice(path.indexOf(s.doc.phase) + 1, path.indexOf(phase) + 1)) s = run(s, { type: "phase", phase: p }).state;
  return s;
}

describe("the phase machine", () => {
  const allowed: [Phase, Phase][] = [
    ["lobby", "briefing"],
    ["briefing", "live"],
    ["live", "final"],
    ["final", "reveal"],
    ["final", "live"],
    ["reveal", "discussion"],
    ["discussion", "reflection"],
    ["reflection", "closed"],
    ["reveal", "closed"],
    ["discussion", "closed"],
  ];

  it("allows exactly the listed transitions", () => {
    for (const from of PHASES) {
      for (const to of PHASES) {
        const expected = allowed.some(([a, b]) => a === from && b === to);
        expect(canTransition(from, to), `${from} → ${to}`).toBe(expected);
      }
    }
    expect(Object.values(PHASE_TRANSITIONS).flat()).toHaveLength(allowed.length);
  });

  it.each(allowed)("%s → %s is applied, logged and pauses the clock where it should", (from, to) => {
    const s = atPhase(from);
    const { state, events } = run(s, { type: "phase", phase: to }, HOST, 5_000);
    expect(state.doc.phase).toBe(to);
    expect(state.doc.phaseLog.at(-1)).toEqual({ phase: to, at: 5_000 });
    expect(events[0]).toEqual({ type: "phase-changed", from, to, at: 5_000 });
  });

  it("refuses every other transition with a Dutch reason and changes nothing", () => {
    for (const from of PHASES) {
      const s = atPhase(from);
      for (const to of PHASES) {
        if (canTransition(from, to)) continue;
        const result = applyCommand(s, { type: "phase", phase: to }, HOST, ctx());
        expect(result.ok, `${from} → ${to}`).toBe(false);
        if (result.ok) continue;
        expect(result.error.code).toBe(from === "closed" ? "session_closed" : "invalid_transition");
        expect(result.error.message).toMatch(/fase|kun je|afgesloten/);
      }
    }
    const error = refused(atPhase("lobby"), { type: "phase", phase: "reveal" });
    expect(error.message).toBe('Van "Lobby" kun je alleen naar "Briefing", niet naar "Onthulling".');
  });

  it("lets only the host move the phase", () => {
    const s = atPhase("lobby");
    expect(refused(s, { type: "phase", phase: "briefing" }, as("ad1")).code).toBe("forbidden");
    expect(refused(s, { type: "phase", phase: "briefing" }, GUEST).code).toBe("unauthorized");
  });

  it("does not start live for a media session before the recording is there", () => {
    let s = atPhase("briefing", withRaters(session("media")));
    expect(refused(s, { type: "phase", phase: "live" }).message).toMatch(/Upload eerst/);
    s = run(s, { type: "media", media: { file: "media-abcdefabcdefabcdef", type: "video/mp4", size: 10, key: "k".repeat(22), uploadedAt: 1 }, duration: 90 }).state;
    expect(s.doc.duration).toBe(90);
    expect(run(s, { type: "phase", phase: "live" }).state.doc.phase).toBe("live");
  });

  it("pauses a running clock when live ends, at the time it had reached", () => {
    let s = atPhase("live");
    s = run(s, { type: "clock", action: "play", t: 10 }, HOST, 10_000).state;
    const { state, events } = run(s, { type: "phase", phase: "final" }, HOST, 15_000);
    expect(state.doc.clock).toEqual({ playing: false, t: 15, at: 15_000 });
    expect(events.map((e) => e.type)).toEqual(["phase-changed", "clock-changed"]);
  });
});

describe("the clock", () => {
  it("plays, pauses and seeks, keyed to the gesprek", () => {
    let s = atPhase("live");
    s = run(s, { type: "clock", action: "play", t: 0 }, HOST, 1_000).state;
    expect(clockTime(s.doc.clock, 31_000, s.doc.duration)).toBe(30);
    s = run(s, { type: "clock", action: "seek", t: 120 }, HOST, 40_000).state;
    expect(s.doc.clock).toEqual({ playing: true, t: 120, at: 40_000 });
    s = run(s, { type: "clock", action: "pause", t: 125 }, HOST, 45_000).state;
    expect(clockTime(s.doc.clock, 99_000, s.doc.duration)).toBe(125);
  });

  it("stops at the end of the gesprek and refuses a time after it", () => {
    let s = atPhase("live", withRaters(session("vignette", 60)));
    s = run(s, { type: "clock", action: "play", t: 50 }, HOST, 0).state;
    expect(clockTime(s.doc.clock, 60_000, 60)).toBe(60);
    const error = refused(s, { type: "clock", action: "seek", t: 61 });
    expect(error.code).toBe("out_of_range");
    expect(error.message).toContain("1:00");
  });

  it("has no end for a role-play", () => {
    let s = atPhase("live", withRaters(session("roleplay")));
    s = run(s, { type: "clock", action: "seek", t: 5000 }).state;
    expect(s.doc.duration).toBeNull();
    expect(s.doc.clock.t).toBe(5000);
  });

  it("is the host's, and not before the briefing", () => {
    expect(refused(atPhase("lobby"), { type: "clock", action: "play", t: 0 }).code).toBe("wrong_phase");
    expect(refused(atPhase("live"), { type: "clock", action: "play", t: 0 }, as("ad1")).code).toBe("forbidden");
  });
});

describe("joining", () => {
  it("gives stable pseudonyms per kind, never reused after a removal", () => {
    let s = withRaters();
    expect(s.doc.participants.map((p) => p.pseudonym)).toEqual(["Beoordelaar 1", "Beoordelaar 2", "Beoordelaar 3", "Observator 1"]);
    s = run(s, { type: "remove", participantId: "ad2" }).state;
    s = run(s, { type: "join", participantId: "ad3", resumeTokenHash: "x".repeat(64), name: "Nieuw", role: "arbeidsdeskundige" }, GUEST).state;
    expect(s.doc.participants.at(-1)!.pseudonym).toBe("Beoordelaar 4");
  });

  it("resumes a seat by its token hash and refuses a removed seat", () => {
    let s = withRaters();
    const { events } = run(s, { type: "resume", resumeTokenHash: "ad1".padEnd(64, "0") }, GUEST);
    expect(events).toEqual([{ type: "participant-resumed", participantId: "ad1" }]);
    expect(refused(s, { type: "resume", resumeTokenHash: "nope".padEnd(64, "0") }, GUEST).code).toBe("unauthorized");
    s = run(s, { type: "remove", participantId: "ad1" }).state;
    expect(refused(s, { type: "resume", resumeTokenHash: "ad1".padEnd(64, "0") }, GUEST).code).toBe("removed");
    expect(refused(s, { type: "samples", samples: [{ seq: 1, element: "binding", value: 5, t: 1 }] }, as("ad1")).code).toBe("removed");
  });

  it("attaches the host only with the host token", () => {
    const s = session();
    expect(run(s, { type: "attach-host", hostTokenHash: "h".repeat(64) }, GUEST).events).toEqual([{ type: "host-attached" }]);
    expect(refused(s, { type: "attach-host", hostTokenHash: "g".repeat(64) }, GUEST).code).toBe("unauthorized");
  });

  it("takes newcomers until the reveal, then only returning seats", () => {
    const join: SessionCommand = { type: "join", participantId: "late", resumeTokenHash: "l".repeat(64), name: "Laat", role: "arbeidsdeskundige" };
    expect(run(atPhase("final"), join, GUEST).state.doc.participants).toHaveLength(5);
    expect(refused(atPhase("reveal"), join, GUEST).code).toBe("wrong_phase");
    expect(refused(atPhase("closed"), join, GUEST).code).toBe("session_closed");
  });
});

describe("focus", () => {
  it("spreads the four elements evenly over the raters with one command, observators left out", () => {
    let s = session();
    const roles = ["arbeidsdeskundige", "ervaringsdeskundige", "arbeidsdeskundige", "observator", "arbeidsdeskundige", "ervaringsdeskundige", "arbeidsdeskundige"] as const;
    roles.forEach((role, i) => {
      s = run(s, { type: "join", participantId: `p${i}`, resumeTokenHash: `${i}`.padEnd(64, "0"), name: `P${i}`, role }, GUEST, i).state;
    });
    const { state, events } = run(s, { type: "spread-focus" });
    const raters = state.doc.participants.filter((p) => p.role !== "observator");
    const counts = ELEMENT_IDS.map((e) => raters.filter((p) => p.focus === e).length);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(state.doc.participants.find((p) => p.role === "observator")!.focus).toBeNull();
    // Both groups cover more than one element.
    const edFoci = new Set(raters.filter((p) => p.role === "ervaringsdeskundige").map((p) => p.focus));
    expect(edFoci.size).toBe(2);
    expect(events[0].type).toBe("focus-changed");
    expect(spreadFocusAssignment(state.doc.participants).size).toBe(6);
  });

  it("lets the host set one and a rater change their own", () => {
    let s = withRaters();
    s = run(s, { type: "focus", participantId: "ad1", element: "binding" }).state;
    s = run(s, { type: "own-focus", element: "stroefheid" }, as("ad1")).state;
    expect(s.doc.participants.find((p) => p.id === "ad1")!.focus).toBe("stroefheid");
    expect(refused(s, { type: "focus", participantId: "ad1", element: "binding" }, as("ad2")).code).toBe("forbidden");
    expect(refused(s, { type: "focus", participantId: "obs", element: "binding" }).code).toBe("invalid_payload");
    expect(refused(s, { type: "own-focus", element: "binding" }, as("obs")).code).toBe("invalid_payload");
    expect(refused(s, { type: "focus", participantId: "nobody", element: "binding" }).code).toBe("not_found");
  });
});

describe("live samples", () => {
  const batch = (from: number, to: number, t = 1) =>
    Array.from({ length: to - from + 1 }, (_, i) => ({ seq: from + i, element: "vertrouwen" as const, value: (from + i) % 11, t: t + i }));

  it("stores each seq once: a retried or overlapping batch stores only what is new", () => {
    let s = atPhase("live");
    let r = run(s, { type: "samples", samples: batch(1, 5) }, as("ad1"));
    s = r.state;
    expect(r.events).toHaveLength(1);
    r = run(s, { type: "samples", samples: batch(1, 5) }, as("ad1"));
    expect(r.events).toEqual([]);
    s = r.state;
    r = run(s, { type: "samples", samples: batch(3, 9) }, as("ad1"));
    const stored = r.events[0].type === "samples-stored" ? r.events[0].samples.map((x) => x.seq) : [];
    expect(stored).toEqual([6, 7, 8, 9]);
    expect(r.state.live.ad1.lastSampleSeq).toBe(9);
  });

  it("orders a shuffled batch, drops duplicates inside it and keeps the latest value per element", () => {
    const s = atPhase("live");
    const { state, events } = run(
      s,
      {
        type: "samples",
        samples: [
          { seq: 3, element: "binding", value: 7, t: 3 },
          { seq: 1, element: "binding", value: 2, t: 1 },
          { seq: 3, element: "binding", value: 7, t: 3 },
          { seq: 2, element: "stroefheid", value: 9, t: 2 },
        ],
      },
      as("ad1"),
    );
    expect(events[0].type === "samples-stored" && events[0].samples.map((x) => x.seq)).toEqual([1, 2, 3]);
    const you = buildSnapshot(state, as("ad1"), { now: 1_000, connected: new Set() }).you;
    expect(you.current).toEqual({ binding: 7, stroefheid: 9 });
    expect(you.lastSampleSeq).toBe(3);
  });

  it("keeps raters apart: the same seq from two raters is two samples", () => {
    let s = atPhase("live");
    s = run(s, { type: "samples", samples: batch(1, 3) }, as("ad1")).state;
    const r = run(s, { type: "samples", samples: batch(1, 3) }, as("ed1"));
    expect(r.events).toHaveLength(1);
  });

  it("refuses a batch with a time after the gesprek, whole, and changes nothing", () => {
    const s = atPhase("live", withRaters(session("vignette", 60)));
    const error = refused(s, { type: "samples", samples: [...batch(1, 2), { seq: 3, element: "binding", value: 5, t: 61 }] }, as("ad1"));
    expect(error.code).toBe("out_of_range");
    expect(s.live.ad1).toBeUndefined();
  });

  it("takes samples in live and (late) in final, not before or after", () => {
    const sample = { type: "samples", samples: batch(1, 1) } as const;
    expect(refused(atPhase("briefing"), sample, as("ad1")).code).toBe("wrong_phase");
    expect(run(atPhase("final"), sample, as("ad1")).events).toHaveLength(1);
    expect(refused(atPhase("reveal"), sample, as("ad1")).code).toBe("wrong_phase");
    expect(refused(atPhase("closed"), sample, as("ad1")).code).toBe("session_closed");
  });

  it("only from raters", () => {
    const s = atPhase("live");
    expect(refused(s, { type: "samples", samples: batch(1, 1) }, as("obs")).message).toMatch(/observator/);
    expect(refused(s, { type: "samples", samples: batch(1, 1) }, HOST).code).toBe("forbidden");
  });
});

describe("moments and the final rating", () => {
  it("stores a moment once, checks that the behaviour belongs to the element", () => {
    let s = atPhase("live");
    const mark = { type: "moment", seq: 1, t: 12, element: "vertrouwen", behaviourId: "veilige-sfeer", note: "  rustig  " } as const;
    const r = run(s, mark, as("ad1"));
    expect(r.events[0]).toMatchObject({ type: "moment-stored", moment: { participantId: "ad1", seq: 1, note: "rustig" } });
    s = r.state;
    expect(run(s, mark, as("ad1")).events).toEqual([]);
    expect(refused(s, { ...mark, seq: 2, element: "binding" }, as("ad1")).message).toMatch(/hoort niet bij/);
    expect(refused(s, { ...mark, seq: 2, behaviourId: "verzonnen" }, as("ad1")).code).toBe("invalid_payload");
  });

  it("takes a final rating only in the final phase; an identical retry is not stored twice; a change is", () => {
    const final = {
      type: "final",
      scores: { vertrouwen: 7, "richting-kader": 6, binding: 8, stroefheid: 3 },
      observed: ["veilige-sfeer", "veilige-sfeer"],
      notes: { binding: "  mooi  ", vertrouwen: "" },
    } as const;
    expect(refused(atPhase("live"), final, as("ad1")).code).toBe("wrong_phase");
    let s = atPhase("final");
    let r = run(s, final, as("ad1"), 2_000);
    expect(r.events[0]).toMatchObject({ type: "final-stored", rating: { observed: ["veilige-sfeer"], notes: { binding: "mooi" }, submittedAt: 2_000 } });
    s = r.state;
    r = run(s, final, as("ad1"), 3_000);
    expect(r.events).toEqual([]);
    expect(r.state.live.ad1.final!.submittedAt).toBe(2_000);
    r = run(s, { ...final, scores: { ...final.scores, binding: 2 } }, as("ad1"), 4_000);
    expect(r.state.live.ad1.final!.scores.binding).toBe(2);
    expect(refused(atPhase("reveal"), final, as("ad1")).code).toBe("wrong_phase");
    expect(refused(s, { ...final, observed: ["bestaat-niet"] }, as("ad1")).code).toBe("invalid_payload");
  });
});

describe("the snapshot each viewer may see", () => {
  function rated(): SessionState {
    let s = atPhase("live");
    s = run(s, { type: "samples", samples: [{ seq: 1, element: "binding", value: 9, t: 1 }] }, as("ad1"), 1_000).state;
    s = run(s, { type: "samples", samples: [{ seq: 1, element: "binding", value: 2, t: 1 }] }, as("ed1"), 1_000).state;
    s = run(s, { type: "moment", seq: 1, t: 2, element: "binding", note: "geheim van ed1" }, as("ed1"), 1_000).state;
    s = run(s, { type: "phase", phase: "final" }).state;
    s = run(s, { type: "final", scores: { vertrouwen: 1, "richting-kader": 1, binding: 1, stroefheid: 1 }, observed: [] }, as("ed1")).state;
    return s;
  }

  it("holds only the viewer's own values, never another rater's", () => {
    const s = rated();
    const snap = buildSnapshot(s, as("ad1"), { now: 2_000, connected: new Set(["ad1", "ed1"]) });
    const text = JSON.stringify(snap);
    expect(text).not.toContain("geheim van ed1");
    expect(snap.you.current).toEqual({ binding: 9 });
    expect(snap.you.final).toBeNull();
    expect(snap.participants.find((p) => p.id === "ed1")).toEqual({
      id: "ed1",
      displayName: "Naam ed1",
      role: "ervaringsdeskundige",
      focus: null,
      connected: true,
      active: true,
      finalSubmitted: true,
    });
    // Not a token hash, not a resume token, not a name's value anywhere.
    expect(text).not.toMatch(/resumeTokenHash|hostTokenHash/);
  });

  it("shows the host who is there, who rates and who submitted, but no values", () => {
    const s = rated();
    const snap = buildSnapshot(s, HOST, { now: 2_000, connected: new Set() });
    expect(snap.you).toMatchObject({ role: "host", current: {}, moments: [], final: null });
    const text = JSON.stringify(snap);
    expect(text).not.toMatch(/"value"|scores|geheim/);
    expect(snap.participants.filter((p) => p.finalSubmitted).map((p) => p.id)).toEqual(["ed1"]);
    // Presence fades after a few seconds without samples.
    expect(buildSnapshot(s, HOST, { now: 60_000, connected: new Set() }).participants.some((p) => p.active)).toBe(false);
  });

  it("uses pseudonyms when the session says so, and leaves removed people out", () => {
    let s = withRaters(
      initialState({ ...session().doc, settings: { separateRoles: true, nameDisplay: "pseudoniemen", allowSingleRaterGroup: false } }),
    );
    s = run(s, { type: "remove", participantId: "ad2" }).state;
    const snap = buildSnapshot(s, as("ad1"), { now: 0, connected: new Set() });
    expect(snap.participants.map((p) => p.displayName)).toEqual(["Beoordelaar 1", "Beoordelaar 3", "Observator 1"]);
    expect(snap.you.name).toBe("Naam ad1");
  });
});

describe("creating a session", () => {
  it("refuses unknown fields and missing choices with Dutch messages", () => {
    const bad = createSessionInput.safeParse({ title: "", source: { kind: "vignette" }, separateRoles: true, nameDisplay: "namen", extra: 1 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message).join(" ")).toMatch(/titel/);
  });

  it("takes the vignette's question and situation unless the host typed their own", () => {
    const input = createSessionInput.parse({ title: "T", source: { kind: "roleplay" }, separateRoles: false, nameDisplay: "namen", question: "Eigen vraag" });
    const doc = newSessionDoc({ id: "x".repeat(16), code: "ACD234", hostTokenHash: "h".repeat(64), now: 5, input, vignette: null });
    expect(doc.briefing).toEqual({ setting: "", question: "Eigen vraag" });
    expect(doc.duration).toBeNull();
    expect(doc.clock).toEqual({ playing: false, t: 0, at: 5 });
  });
});
