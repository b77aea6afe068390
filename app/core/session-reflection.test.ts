// The reflection part of the session core (issue 5): learning points, the evaluation, the tips
// discussed and the anonymous projection, and what each snapshot shows of them.
import { describe, expect, it } from "vitest";
import type { Phase } from "./protocol";
import { reflectionProgress } from "./reflection";
import {
  type Actor,
  applyCommand,
  buildSnapshot,
  createSessionInput,
  initialState,
  newSessionDoc,
  type SessionCommand,
  type SessionState,
  type TransitionContext,
} from "./session";

const HOST: Actor = { kind: "host" };
const GUEST: Actor = { kind: "guest" };
const as = (participantId: string): Actor => ({ kind: "participant", participantId });
const QUESTIONS = [{ id: "nuttig" }, { id: "veilig" }];
const ctx = (now = 1_000): TransitionContext => ({
  now,
  behaviours: new Map([["veilige-sfeer", "vertrouwen"]]),
  evaluationQuestions: QUESTIONS,
});
const snapCtx = { now: 9_000, connected: new Set<string>() };

function session(nameDisplay: "namen" | "pseudoniemen" = "namen"): SessionState {
  const input = createSessionInput.parse({ title: "OT juni", source: { kind: "roleplay" }, separateRoles: true, nameDisplay });
  return initialState(newSessionDoc({ id: "sessie-0000000000000002", code: "ACD234", hostTokenHash: "h".repeat(64), now: 0, input, vignette: null }));
}

function run(state: SessionState, command: SessionCommand, actor: Actor = HOST, now = 1_000) {
  const result = applyCommand(state, command, actor, ctx(now));
  if (!result.ok) throw new Error(`${command.type} refused: ${result.error.code} ${result.error.message}`);
  return result.value;
}

function refusal(state: SessionState, command: SessionCommand, actor: Actor = HOST) {
  const result = applyCommand(state, command, actor, ctx());
  if (result.ok) throw new Error(`${command.type} was accepted`);
  return result.error;
}

const ORDER: Phase[] = ["lobby", "briefing", "live", "final", "reveal", "discussion", "reflection", "closed"];

function at(phase: Phase): SessionState {
  let s = session();
  for (const [id, role] of [
    ["ad1", "arbeidsdeskundige"],
    ["ed1", "ervaringsdeskundige"],
    ["obs", "observator"],
  ] as const) {
    s = run(s, { type: "join", participantId: id, resumeTokenHash: id.padEnd(64, "0"), name: `Naam ${id}`, role }, GUEST).state;
  }
  for (const p of ORDER.slice(1, ORDER.indexOf(phase) + 1)) s = run(s, { type: "phase", phase: p }).state;
  return s;
}

const reflection = (learningPoint = "Eerst luisteren, dan uitleggen.", action = "Volgende week vraag ik door.") =>
  ({ type: "reflection", learningPoint, action }) as const;

describe("reflection:submit", () => {
  it("is taken in the reflection phase from every participant, observators too, and may change until closed", () => {
    let s = at("reflection");
    const first = run(s, reflection(), as("ad1"), 2_000);
    expect(first.events).toEqual([
      { type: "reflection-stored", reflection: { participantId: "ad1", learningPoint: "Eerst luisteren, dan uitleggen.", action: "Volgende week vraag ik door.", submittedAt: 2_000 } },
    ]);
    s = first.state;
    s = run(s, { ...reflection(), themes: { toekomst: "  Werk dat past  ", ervaringen: "  " } }, as("obs"), 2_100).state;
    expect(s.live.obs.reflection).toMatchObject({ themes: { toekomst: "Werk dat past" } });
    expect(s.live.obs.reflection!.themes).not.toHaveProperty("ervaringen");
    const edited = run(s, reflection("Anders: eerst binding."), as("ad1"), 3_000);
    expect(edited.state.live.ad1.reflection).toMatchObject({ learningPoint: "Anders: eerst binding.", submittedAt: 3_000 });
  });

  it("an identical resend stores nothing new", () => {
    const s = run(at("reflection"), reflection(), as("ad1")).state;
    expect(run(s, reflection(), as("ad1"), 5_000).events).toEqual([]);
  });

  it("is refused in every other phase, for the host, and after closing", () => {
    for (const phase of ORDER.filter((p) => p !== "reflection" && p !== "closed")) {
      const error = refusal(at(phase), reflection(), as("ad1"));
      expect(error.code, phase).toBe("wrong_phase");
      expect(error.message).toMatch(/fase reflectie/);
    }
    expect(refusal(at("closed"), reflection(), as("ad1")).code).toBe("session_closed");
    expect(refusal(at("reflection"), reflection(), HOST).code).toBe("forbidden");
    expect(refusal(at("reflection"), reflection(), GUEST).code).toBe("unauthorized");
    const removed = run(at("reflection"), { type: "remove", participantId: "ed1" }).state;
    expect(refusal(removed, reflection(), as("ed1")).code).toBe("removed");
  });
});

describe("evaluation:submit", () => {
  it("takes an answer to every question, in question order, nothing more", () => {
    const s = at("reflection");
    const done = run(s, { type: "evaluation", answers: { veilig: 9, nuttig: 7 } }, as("ed1"), 4_000);
    expect(done.state.live.ed1.evaluation).toEqual({ participantId: "ed1", answers: { nuttig: 7, veilig: 9 }, submittedAt: 4_000 });
    expect(run(done.state, { type: "evaluation", answers: { nuttig: 7, veilig: 9 } }, as("ed1")).events).toEqual([]);
    expect(refusal(s, { type: "evaluation", answers: { nuttig: 7 } }, as("ed1"))).toMatchObject({ code: "invalid_payload", message: "Beantwoord ook de laatste vraag." });
    expect(refusal(s, { type: "evaluation", answers: { nuttig: 7, veilig: 9, saai: 1 } }, as("ed1"))).toMatchObject({
      code: "invalid_payload",
      message: 'Onbekende vraag: "saai".',
    });
    expect(refusal(at("discussion"), { type: "evaluation", answers: { nuttig: 7, veilig: 9 } }, as("ed1")).code).toBe("wrong_phase");
    expect(refusal(s, { type: "evaluation", answers: { nuttig: 7, veilig: 9 } }, HOST).code).toBe("forbidden");
  });
});

describe("tips:discussed and reflection:project", () => {
  it("the host marks tips from the reveal on; the list stays in tip order and a repeat changes nothing", () => {
    expect(refusal(at("final"), { type: "tip-discussed", tipId: "eerst-binding", discussed: true }).code).toBe("wrong_phase");
    let s = at("reveal");
    s = run(s, { type: "tip-discussed", tipId: "eerst-binding", discussed: true }).state;
    const second = run(s, { type: "tip-discussed", tipId: "vanaf-eerste-contact", discussed: true });
    expect(second.events).toEqual([{ type: "tips-changed", discussedTips: ["vanaf-eerste-contact", "eerst-binding"] }]);
    s = second.state;
    expect(run(s, { type: "tip-discussed", tipId: "eerst-binding", discussed: true }).events).toEqual([]);
    s = run(s, { type: "tip-discussed", tipId: "vanaf-eerste-contact", discussed: false }).state;
    expect(s.doc.discussedTips).toEqual(["eerst-binding"]);
    expect(refusal(s, { type: "tip-discussed", tipId: "in-de-ot", discussed: true }, as("ad1")).code).toBe("forbidden");
    // Everyone's snapshot carries the list.
    expect(buildSnapshot(s, as("ad1"), snapCtx).discussedTips).toEqual(["eerst-binding"]);
  });

  it("projection is the host's, in the reflection phase only", () => {
    expect(refusal(at("discussion"), { type: "project-reflections", show: true }).code).toBe("wrong_phase");
    expect(refusal(at("reflection"), { type: "project-reflections", show: true }, as("ad1")).code).toBe("forbidden");
    const on = run(at("reflection"), { type: "project-reflections", show: true });
    expect(on.events).toEqual([{ type: "projection-changed", projecting: true }]);
    expect(run(on.state, { type: "project-reflections", show: true }).events).toEqual([]);
  });
});

describe("the snapshot", () => {
  function written(): SessionState {
    let s = at("reflection");
    s = run(s, reflection("Mijn leerpunt", "Mijn actie"), as("ad1")).state;
    s = run(s, reflection("Bel 06-12345678 voor vragen", "Niets"), as("ed1")).state;
    s = run(s, { type: "evaluation", answers: { nuttig: 8, veilig: 6 } }, as("obs")).state;
    return s;
  }

  it("a participant sees their own reflection and evaluation, never anyone else's", () => {
    const s = written();
    const ad = buildSnapshot(s, as("ad1"), snapCtx);
    expect(ad.you.reflection).toMatchObject({ learningPoint: "Mijn leerpunt" });
    expect(ad.you.evaluation).toBeNull();
    expect(ad.host).toBeUndefined();
    expect(JSON.stringify(ad)).not.toMatch(/06-12345678/);
    expect(buildSnapshot(s, as("obs"), snapCtx).you.evaluation?.answers).toEqual({ nuttig: 8, veilig: 6 });
  });

  it("the host gets counts, and the learning points without names only while projecting", () => {
    let s = written();
    const before = buildSnapshot(s, HOST, snapCtx).host!;
    expect(before).toMatchObject({ reflections: 2, evaluations: 1, finished: 0, participants: 3, projecting: false, projected: [] });
    expect(reflectionProgress(before).text).toBe("Nog 3 van 3 bezig");
    // Done means both: a learning point and the evaluation.
    const oneDone = buildSnapshot(run(s, { type: "evaluation", answers: { nuttig: 7, veilig: 5 } }, as("ad1")).state, HOST, snapCtx).host!;
    expect(oneDone.finished).toBe(1);
    expect(reflectionProgress(oneDone)).toEqual({ busy: 2, done: false, text: "Nog 2 van 3 bezig" });
    expect(reflectionProgress({ finished: 3, participants: 3 })).toMatchObject({ done: true, text: "Iedereen is klaar: 3 van 3" });
    s = run(s, { type: "project-reflections", show: true }).state;
    const host = buildSnapshot(s, HOST, snapCtx).host!;
    expect(host.projected.map((p) => p.learningPoint).sort()).toEqual(["Bel 06-12345678 voor vragen", "Mijn leerpunt"]);
    expect(host.projected.map((p) => p.number)).toEqual([1, 2]);
    expect(JSON.stringify(host.projected)).not.toMatch(/ad1|ed1|Naam/);
    // Participants never get the projection.
    expect(buildSnapshot(s, as("ad1"), snapCtx).host).toBeUndefined();
  });

  it("flags personal data to the host (which item, what kind, never the text), from the reveal on", () => {
    const s = written();
    const { personalData } = buildSnapshot(s, HOST, snapCtx).host!;
    const number = buildSnapshot(run(s, { type: "project-reflections", show: true }).state, HOST, snapCtx).host!.projected.find((p) =>
      p.learningPoint.startsWith("Bel"),
    )!.number;
    expect(personalData).toEqual([
      { item: `learning-point:${number}`, itemKind: "learning-point", label: `Leerpunt ${number}`, kinds: ["telefoon"], message: "lijkt een telefoonnummer te bevatten" },
    ]);
    // Before the reveal the host learns nothing about notes, not even that one is flagged.
    let early = at("final");
    early = run(early, { type: "final", scores: { vertrouwen: 5, "richting-kader": 5, binding: 5, stroefheid: 5 }, observed: [], notes: { binding: "mail a@b.nl" } }, as("ad1")).state;
    expect(buildSnapshot(early, HOST, snapCtx).host!.personalData).toEqual([]);
    const revealed = run(early, { type: "phase", phase: "reveal" }).state;
    expect(buildSnapshot(revealed, HOST, snapCtx).host!.personalData).toEqual([
      expect.objectContaining({ item: "final-note:Beoordelaar 1:binding", label: "Notitie van Naam ad1 bij Binding (eindoordeel)", kinds: ["email"] }),
    ]);
  });
});
