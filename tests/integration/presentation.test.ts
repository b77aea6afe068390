// presentation:show against a real server with real socket.io-clients (issue 9): the host puts a reveal
// step on the projector, another client (the projector, a phone) sees it; a rater, a bad payload and
// the wrong phase are refused and change nothing; the step survives a server restart.
import { describe, expect, it } from "vitest";
import type { SessionSnapshot } from "../../app/core/protocol";
import type { CreatedSession } from "../../app/core/session-service";
import { serverForFile } from "../support/file-server";
import { call, createSession, joinAs, joinHost, must, next, type Rater, type TestSocket } from "./live-helpers";

const server = serverForFile();

describe("presentation:show", () => {
  let created: CreatedSession;
  let host: { socket: TestSocket; state: SessionSnapshot; snapshots: SessionSnapshot[] };
  let projector: { socket: TestSocket; state: SessionSnapshot; snapshots: SessionSnapshot[] };
  let rater: Rater;

  it("is refused before the reveal, with a Dutch message", async () => {
    created = await createSession(server.url, { nameDisplay: "pseudoniemen" });
    host = await joinHost(server.url, created);
    projector = await joinHost(server.url, created);
    rater = await joinAs(server.url, created.code, "Anna Bakker", "arbeidsdeskundige");
    const early = await call(host.socket, "presentation:show", { step: "overzicht", focus: null });
    expect(early.ok ? "ok" : early.error).toEqual({ code: "wrong_phase", message: "Het beamerscherm stap je door tijdens de onthulling en de bespreking." });
    for (const phase of ["briefing", "live"] as const) await must(host.socket, "session:phase", { phase });
    await must(rater.socket, "rating:samples", { samples: [{ seq: 1, element: "binding", value: 6, t: 1 }] });
    await must(host.socket, "session:phase", { phase: "final" });
    await must(rater.socket, "rating:final", { scores: { vertrouwen: 6, "richting-kader": 5, binding: 7, stroefheid: 3 }, observed: [] });
    await must(host.socket, "session:phase", { phase: "reveal" });
  });

  it("the host shows a step; the projector and the phone get it in their snapshot", async () => {
    const onProjector = next(projector.socket, "session:state", (s) => s.presentation?.step === "binding");
    const onPhone = next(rater.socket, "session:state", (s) => s.presentation?.step === "binding");
    expect(await must(host.socket, "presentation:show", { step: "binding", focus: null })).toEqual({ presentation: { step: "binding", focus: null } });
    expect((await onProjector).presentation).toEqual({ step: "binding", focus: null });
    expect((await onPhone).presentation).toEqual({ step: "binding", focus: null });
  });

  it("a rater, a bad payload and an unknown tip are refused, and nothing changes", async () => {
    const before = rater.snapshots.length;
    const byRater = await call(rater.socket, "presentation:show", { step: "tips", focus: null });
    expect(byRater.ok || byRater.error.code).toBe("forbidden");
    for (const payload of [
      { step: "einde", focus: null },
      { step: "tips" },
      { step: "tips", focus: { kind: "tip", id: "kernwaarden" }, extra: 1 },
      { step: "tips", focus: { kind: "persoon", id: "anna" } },
      { step: "tips", focus: { kind: "tip", id: "<script>" } },
    ]) {
      const refused = await call(host.socket, "presentation:show", payload);
      expect(refused.ok || refused.error.code, JSON.stringify(payload)).toBe("invalid_payload");
      expect(refused.ok || refused.error.message).toMatch(/^Deze invoer klopt niet/);
    }
    const unknownTip = await call(host.socket, "presentation:show", { step: "tips", focus: { kind: "tip", id: "geen-tip" } });
    expect(unknownTip.ok || unknownTip.error).toEqual({ code: "invalid_payload", message: 'Onbekende tip: "geen-tip".' });
    // Nothing changed: a fresh join still sees "binding", and no one got a new snapshot for it.
    const again = await must(projector.socket, "session:join", { code: created.code, hostToken: created.hostToken });
    expect(again.state.presentation).toEqual({ step: "binding", focus: null });
    expect(rater.snapshots.slice(before).some((s) => s.presentation?.step !== "binding")).toBe(false);
  });

  it("the discussion keeps the step; the host points at a tip; a restart keeps it", async () => {
    await must(host.socket, "session:phase", { phase: "discussion" });
    const seen = next(projector.socket, "session:state", (s) => s.presentation?.focus?.id === "eerst-binding");
    await must(host.socket, "presentation:show", { step: "tips", focus: { kind: "tip", id: "eerst-binding" } });
    expect((await seen).presentation).toEqual({ step: "tips", focus: { kind: "tip", id: "eerst-binding" } });
    for (const s of [host.socket, projector.socket, rater.socket]) s.close();
    await server.restart();
    projector = await joinHost(server.url, created);
    expect(projector.state.phase).toBe("discussion");
    expect(projector.state.presentation).toEqual({ step: "tips", focus: { kind: "tip", id: "eerst-binding" } });
    // The host's snapshot holds the real names (roster) for the control view; a rater's never does.
    expect(projector.state.host?.roster).toEqual([{ id: rater.participantId, name: "Anna Bakker", role: "arbeidsdeskundige" }]);
    const phone = await joinAs(server.url, created.code, "x", "observator").catch((e: Error) => e);
    expect(phone).toBeInstanceOf(Error);
    projector.socket.close();
  });
});
