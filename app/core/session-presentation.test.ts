// The projector's presentation state (issue 9): the host picks the reveal step and the hotspot or tip
// under discussion, only in reveal and discussion; and the real names the host's snapshot holds.
import { describe, expect, it } from "vitest";
import { REVEAL_STEPS } from "./presentation";
import { hotspotFocusId, type Phase } from "./protocol";
import {
  type Actor,
  applyCommand,
  buildSnapshot,
  createSessionInput,
  initialState,
  newSessionDoc,
  type SessionCommand,
  type SessionState,
} from "./session";

const HOST: Actor = { kind: "host" };
const GUEST: Actor = { kind: "guest" };
const as = (participantId: string): Actor => ({ kind: "participant", participantId });
const ctx = { now: 1_000, behaviours: new Map<string, string>() };
const snapCtx = { now: 9_000, connected: new Set<string>() };
const ORDER: Phase[] = ["lobby", "briefing", "live", "final", "reveal", "discussion", "reflection", "closed"];

function at(phase: Phase, nameDisplay: "namen" | "pseudoniemen" = "pseudoniemen"): SessionState {
  const input = createSessionInput.parse({ title: "OT juni", source: { kind: "roleplay" }, separateRoles: true, nameDisplay });
  let s = initialState(newSessionDoc({ id: "sessie-0000000000000009", code: "ACD234", hostTokenHash: "h".repeat(64), now: 0, input, vignette: null }));
  for (const [id, name, role] of [
    ["p1", "Zoë de Wit", "arbeidsdeskundige"],
    ["p2", "Anna Bakker", "ervaringsdeskundige"],
    ["p3", "Mo", "observator"],
  ] as const) {
    s = ok(s, { type: "join", participantId: id, resumeTokenHash: id.padEnd(64, "0"), name, role }, GUEST).state;
  }
  for (const p of ORDER.slice(1, ORDER.indexOf(phase) + 1)) s = ok(s, { type: "phase", phase: p }).state;
  return s;
}

function ok(state: SessionState, command: SessionCommand, actor: Actor = HOST) {
  const result = applyCommand(state, command, actor, ctx);
  if (!result.ok) throw new Error(`${command.type} refused: ${result.error.code} ${result.error.message}`);
  return result.value;
}

function refusal(state: SessionState, command: SessionCommand, actor: Actor = HOST) {
  const result = applyCommand(state, command, actor, ctx);
  if (result.ok) throw new Error(`${command.type} was accepted`);
  return result.error;
}

describe("present (presentation:show)", () => {
  it("stores the step and focus in reveal and discussion, and every snapshot carries it", () => {
    const reveal = at("reveal");
    expect(buildSnapshot(reveal, as("p1"), snapCtx).presentation).toBeNull();
    const shown = ok(reveal, { type: "present", step: "binding", focus: null });
    expect(shown.events).toEqual([{ type: "presentation-changed", presentation: { step: "binding", focus: null } }]);
    expect(shown.state.doc.presentation).toEqual({ step: "binding", focus: null });
    expect(buildSnapshot(shown.state, as("p2"), snapCtx).presentation).toEqual({ step: "binding", focus: null });

    const discussion = ok(shown.state, { type: "phase", phase: "discussion" }).state;
    // The step survives the move to the discussion; the host then points at a tip.
    expect(discussion.doc.presentation).toEqual({ step: "binding", focus: null });
    const tip = ok(discussion, { type: "present", step: "tips", focus: { kind: "tip", id: "eerst-binding" } });
    expect(buildSnapshot(tip.state, HOST, snapCtx).presentation).toEqual({ step: "tips", focus: { kind: "tip", id: "eerst-binding" } });
    const hotspot = ok(tip.state, { type: "present", step: "tijdlijn", focus: { kind: "hotspot", id: hotspotFocusId({ elementId: "binding", start: 45.2 }) } });
    expect(hotspot.state.doc.presentation).toEqual({ step: "tijdlijn", focus: { kind: "hotspot", id: "binding-45" } });
  });

  it("the same step again writes nothing", () => {
    const s = ok(at("reveal"), { type: "present", step: "tips", focus: { kind: "tip", id: "kernwaarden" } }).state;
    expect(ok(s, { type: "present", step: "tips", focus: { kind: "tip", id: "kernwaarden" } }).events).toEqual([]);
  });

  it("is refused outside reveal and discussion, from anyone but the host, and for an unknown tip or hotspot", () => {
    for (const phase of ["lobby", "briefing", "live", "final", "reflection"] as const) {
      const error = refusal(at(phase), { type: "present", step: "overzicht", focus: null });
      expect(error).toEqual({ code: "wrong_phase", message: "Het beamerscherm stap je door tijdens de onthulling en de bespreking." });
    }
    expect(refusal(at("closed"), { type: "present", step: "overzicht", focus: null }).code).toBe("session_closed");
    expect(refusal(at("reveal"), { type: "present", step: "overzicht", focus: null }, as("p1")).code).toBe("forbidden");
    expect(refusal(at("reveal"), { type: "present", step: "overzicht", focus: null }, GUEST).code).toBe("unauthorized");
    expect(refusal(at("reveal"), { type: "present", step: "tips", focus: { kind: "tip", id: "geen-tip" } })).toEqual({
      code: "invalid_payload",
      message: 'Onbekende tip: "geen-tip".',
    });
    expect(refusal(at("reveal"), { type: "present", step: "tijdlijn", focus: { kind: "hotspot", id: "binding" } }).code).toBe("invalid_payload");
  });

  it("the steps are the overview, the four elements, the timeline and the tips, in that order", () => {
    expect(REVEAL_STEPS).toEqual(["overzicht", "vertrouwen", "richting-kader", "binding", "stroefheid", "tijdlijn", "tips"]);
  });
});

describe("the host's roster (real names)", () => {
  it("holds every present seat's own name and role, sorted by name, only in the host's snapshot", () => {
    let s = at("lobby");
    s = ok(s, { type: "remove", participantId: "p3" }).state;
    const host = buildSnapshot(s, HOST, snapCtx);
    expect(host.host!.roster).toEqual([
      { id: "p2", name: "Anna Bakker", role: "ervaringsdeskundige" },
      { id: "p1", name: "Zoë de Wit", role: "arbeidsdeskundige" },
    ]);
    // Everyone else sees pseudonyms only, and no roster.
    const rater = buildSnapshot(s, as("p1"), snapCtx);
    expect(rater.host).toBeUndefined();
    expect(rater.participants.map((p) => p.displayName)).toEqual(["Beoordelaar 1", "Beoordelaar 2"]);
    expect(JSON.stringify(rater)).not.toContain("Anna Bakker");
  });
});
