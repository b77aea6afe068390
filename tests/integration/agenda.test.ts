// OT methods in a live session against a real server with real socket.io-clients (issue 10): a
// session made from a method carries its rounds; the host moves on with round:set, saved before the
// ack and seen by the projector and the phones; a bad index, a rater and bad payloads are refused and
// change nothing; a restart keeps the round and when it started; the report names the method and the
// rounds held; an eigen casus is deleted after 7 days while other sessions stay.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { SessionSnapshot } from "../../app/core/protocol";
import type { CreatedSession } from "../../app/core/session-service";
import { serverForFile } from "../support/file-server";
import { api, call, createSession, joinAs, joinHost, must, next, type Rater, type TestSocket } from "./live-helpers";

const DAY = 24 * 3600 * 1000;
const server = serverForFile();
const dataDir = server.dataDir;

function post(body: Record<string, unknown>) {
  return fetch(`${server.url}/api/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title: "OT-groep Zuid", source: { kind: "roleplay" }, separateRoles: true, nameDisplay: "namen", ...body }),
  });
}

describe("a session from an OT method", () => {
  let created: CreatedSession;
  let host: { socket: TestSocket; state: SessionSnapshot; snapshots: SessionSnapshot[] };
  let projector: { socket: TestSocket; state: SessionSnapshot; snapshots: SessionSnapshot[] };
  let rater: Rater;

  it("refuses an unknown method and an eigen casus from the library, with a Dutch message", async () => {
    const unknown = await post({ method: "fishbowl" });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ ok: false, error: { code: "invalid_payload", message: "Deze werkvorm bestaat niet. Kies een werkvorm uit de lijst." } });
    const fromLibrary = await post({ method: "eigen-casus", source: { kind: "vignette", slug: "bezwaar-fml" } });
    expect(fromLibrary.status).toBe(400);
    expect(((await fromLibrary.json()) as { error: { message: string } }).error.message).toMatch(/^Een eigen casus speel je na als rollenspel/);
    const badId = await post({ method: "Incident Methode" });
    expect(badId.status).toBe(400);
  });

  it("carries the method's rounds; the first round waits for the host", async () => {
    created = await createSession(server.url, { method: "incidentmethode" });
    host = await joinHost(server.url, created);
    projector = await joinHost(server.url, created);
    rater = await joinAs(server.url, created.code, "Anna Bakker", "ervaringsdeskundige");
    expect(rater.snapshots[0].method?.title).toBe("Incidentmethode");
    expect(rater.snapshots[0].method?.rounds.map((r) => r.id)).toEqual([
      "opening",
      "incident",
      "kijken",
      "informatieve-vragen",
      "eigen-oordeel",
      "analyse",
      "wat-er-gebeurde",
      "evaluatie",
    ]);
    expect(rater.snapshots[0].agenda).toEqual({ index: 0, startedAt: null });
  });

  it("round:set is saved, acked and sent to the projector and the phones", async () => {
    const onProjector = next(projector.socket, "session:state", (s) => s.agenda?.startedAt != null);
    const onPhone = next(rater.socket, "session:state", (s) => s.agenda?.startedAt != null);
    const before = Date.now();
    const started = await must(host.socket, "round:set", { index: 0 });
    expect(started.agenda.index).toBe(0);
    expect(started.agenda.startedAt).toBeGreaterThanOrEqual(before - 1000);
    expect((await onProjector).agenda).toEqual(started.agenda);
    expect((await onPhone).agenda).toEqual(started.agenda);
    const stored = JSON.parse(readFileSync(path.join(dataDir, "sessions", created.sessionId, "session.json"), "utf8"));
    expect(stored.agenda).toEqual({ index: 0, startedAt: started.agenda.startedAt, log: [{ index: 0, at: started.agenda.startedAt }] });
    await must(host.socket, "session:phase", { phase: "briefing" });
    expect((await must(host.socket, "round:set", { index: 1 })).agenda.index).toBe(1);
  });

  it("refuses a bad index, a rater and bad payloads, and nothing changes", async () => {
    const outside = await call(host.socket, "round:set", { index: 8 });
    expect(outside.ok || outside.error).toEqual({ code: "out_of_range", message: "Deze werkvorm heeft 8 rondes: kies ronde 1 tot en met 8." });
    const byRater = await call(rater.socket, "round:set", { index: 2 });
    expect(byRater.ok || byRater.error.code).toBe("forbidden");
    for (const payload of [{ index: "2" }, { index: 1.5 }, { round: 2 }, { index: 2, extra: 1 }]) {
      const refused = await call(host.socket, "round:set", payload);
      expect(refused.ok || refused.error.code, JSON.stringify(payload)).toBe("invalid_payload");
    }
    const negative = await call(host.socket, "round:set", { index: -1 });
    expect(negative.ok || negative.error.code).toBe("out_of_range");
    const again = await must(projector.socket, "session:join", { code: created.code, hostToken: created.hostToken });
    expect(again.state.agenda?.index).toBe(1);
  });

  it("a server restart shows the same round and the same start", async () => {
    const before = (await must(projector.socket, "session:join", { code: created.code, hostToken: created.hostToken })).state.agenda;
    for (const s of [host.socket, projector.socket, rater.socket]) s.close();
    await server.restart();
    host = await joinHost(server.url, created);
    expect(host.state.phase).toBe("briefing");
    expect(host.state.agenda).toEqual(before);
  });

  it("the report and its JSON name the method and the rounds held, with start and duration", async () => {
    await must(host.socket, "round:set", { index: 2 });
    await must(host.socket, "session:phase", { phase: "live" });
    await must(host.socket, "session:phase", { phase: "final" });
    await must(host.socket, "session:phase", { phase: "reveal" });
    await must(host.socket, "session:phase", { phase: "closed" });
    const json = await fetch(`${server.url}/sessie/${created.code}/verslag.json`, { headers: { Authorization: `Bearer ${created.hostToken}` } });
    expect(json.status).toBe(200);
    const body = (await json.json()) as { session: { method: { id: string; title: string; rounds: { id: string; title: string; plannedMinutes: number; startedAt: string; seconds: number | null }[] } } };
    expect(body.session.method.title).toBe("Incidentmethode");
    expect(body.session.method.rounds.map((r) => r.id)).toEqual(["opening", "incident", "kijken"]);
    for (const r of body.session.method.rounds) {
      expect(Number.isNaN(Date.parse(r.startedAt))).toBe(false);
      expect(r.seconds).toBeGreaterThanOrEqual(0);
    }
    const page = await fetch(`${server.url}/sessie/${created.code}/verslag`, { headers: { Authorization: `Bearer ${created.hostToken}` } });
    const html = await page.text();
    expect(html).toContain("Werkvorm: Incidentmethode");
    expect(html).toContain("Kijken en live beoordelen");
    host.socket.close();
  });
});

describe("retention of an eigen casus", () => {
  /** Moves every timestamp of a stored session `days` back, as if it was last used then. */
  function age(id: string, days: number) {
    const file = path.join(dataDir, "sessions", id, "session.json");
    const doc = JSON.parse(readFileSync(file, "utf8"));
    const shift = (t: number) => t - days * DAY;
    doc.createdAt = shift(doc.createdAt);
    doc.phaseLog = doc.phaseLog.map((e: { phase: string; at: number }) => ({ ...e, at: shift(e.at) }));
    doc.participants = doc.participants.map((p: { joinedAt: number }) => ({ ...p, joinedAt: shift(p.joinedAt) }));
    doc.clock.at = shift(doc.clock.at);
    if (doc.agenda) {
      doc.agenda.startedAt = doc.agenda.startedAt === null ? null : shift(doc.agenda.startedAt);
      doc.agenda.log = doc.agenda.log.map((e: { at: number }) => ({ ...e, at: shift(e.at) }));
    }
    writeFileSync(file, JSON.stringify(doc));
  }

  it("is deleted after 7 days, also under RETENTION_DAYS=0; a method session of the same age and a recent eigen casus stay", async () => {
    const own = await createSession(server.url, { method: "eigen-casus", source: { kind: "roleplay" }, question: "Hoe benoem ik weerstand eerder?" });
    const ownHost = await joinHost(server.url, own);
    await must(ownHost.socket, "round:set", { index: 1 });
    ownHost.socket.close();
    const ownRecent = await createSession(server.url, { method: "eigen-casus", source: { kind: "roleplay" } });
    const other = await createSession(server.url, { method: "balint", source: { kind: "roleplay" } });
    await server.close();
    age(own.sessionId, 8);
    age(ownRecent.sessionId, 6);
    age(other.sessionId, 8);

    await server.start({ RETENTION_DAYS: "0" });
    expect(existsSync(path.join(dataDir, "sessions", own.sessionId))).toBe(false);
    expect((await api(server.url, `/api/sessions/${own.sessionId}`, { token: own.hostToken })).status).toBe(404);
    for (const s of [ownRecent, other]) {
      expect((await api(server.url, `/api/sessions/${s.sessionId}`, { token: s.hostToken })).status, s.sessionId).toBe(200);
    }
    await server.restart({ RETENTION_DAYS: "30" });
    expect((await api(server.url, `/api/sessions/${other.sessionId}`, { token: other.hostToken })).status).toBe(200);
    expect((await api(server.url, `/api/sessions/${ownRecent.sessionId}`, { token: ownRecent.hostToken })).status).toBe(200);
  });
});
