// A whole OT session over real Socket.IO: a host and six raters (ADs and ervaringsdeskundigen)
// from lobby to reveal, blind to each other until the host reveals.
import { afterAll, describe, expect, it } from "vitest";
import type { ElementId } from "../../app/core/domain";
import type { SessionSnapshot } from "../../app/core/protocol";
import type { RevealResults } from "../../app/core/results";
import type { CreatedSession } from "../../app/core/session-service";
import { serverForFile } from "../support/file-server";
import { api, call, createSession, joinAs, joinHost, must, next, type Rater, samples, type TestSocket } from "./live-helpers";

const server = serverForFile();

/** A marker only this rater ever sends: it must not appear in anyone else's snapshot. */
const secret = (r: Rater) => `geheim-${r.name}`;
const ALLOWED_VIEW_KEYS = ["active", "connected", "displayName", "finalSubmitted", "focus", "id", "role"];

function assertBlind(viewer: Rater, others: Rater[], snapshot: SessionSnapshot) {
  const text = JSON.stringify(snapshot);
  for (const other of others) expect(text, `${viewer.name} ziet iets van ${other.name}`).not.toContain(secret(other));
  for (const p of snapshot.participants) expect(Object.keys(p).sort()).toEqual(ALLOWED_VIEW_KEYS);
  expect(snapshot.you.id).toBe(viewer.participantId);
  for (const m of snapshot.you.moments) expect(m.participantId).toBe(viewer.participantId);
  if (snapshot.you.final) expect(snapshot.you.final.participantId).toBe(viewer.participantId);
  expect(text).not.toMatch(/resumeToken|TokenHash/);
}

describe("a whole session, host and six raters", () => {
  let created: CreatedSession;
  let host: { socket: TestSocket; state: SessionSnapshot; snapshots: SessionSnapshot[] };
  let raters: Rater[] = [];
  let observer: Rater;
  const values = new Map<string, Record<ElementId, number>>();

  it("creates the session over HTTP and the host attaches with the token", async () => {
    created = await createSession(server.url);
    expect(created.code).toMatch(/^[ACDEFHJKMNPRTWX2346789]{6}$/);
    expect(created.joinUrl).toMatch(new RegExp(`^https?://[^/]+/doe-mee\\?code=${created.code}$`));
    expect(created.hostUrl).toBe(`/sessie/${created.code}/host#token=${created.hostToken}`);
    host = await joinHost(server.url, created);
    expect(host.state).toMatchObject({ phase: "lobby", code: created.code, duration: expect.any(Number), source: { kind: "vignette", slug: "bezwaar-fml" } });
    expect(host.state.briefing.question.length).toBeGreaterThan(10);
    expect(host.state.you.role).toBe("host");
  });

  it("six raters and an observator join; the host sees them appear", async () => {
    const people = [
      ["Anna", "arbeidsdeskundige"],
      ["Bram", "arbeidsdeskundige"],
      ["Chantal", "arbeidsdeskundige"],
      ["Dirk", "arbeidsdeskundige"],
      ["Esra", "ervaringsdeskundige"],
      ["Fleur", "ervaringsdeskundige"],
    ] as const;
    const appeared = next(host.socket, "session:state", (s) => s.participants.length === 7);
    raters = await Promise.all(people.map(([name, role]) => joinAs(server.url, created.code, name, role)));
    observer = await joinAs(server.url, created.code, "Olaf <b>vet</b>", "observator");
    const seen = await appeared;
    expect(seen.participants.map((p) => p.displayName).sort()).toEqual(["Anna", "Bram", "Chantal", "Dirk", "Esra", "Fleur", "Olaf <b>vet</b>"]);
    expect(seen.participants.every((p) => p.connected)).toBe(true);
  });

  it("the host spreads the focus elements with one command; every rater gets one", async () => {
    const focusSeen = Promise.all(raters.map((r) => next(r.socket, "session:state", (s) => s.you.focus !== null)));
    const { focus } = await must(host.socket, "participant:focus", { spread: true });
    expect(Object.keys(focus)).toHaveLength(6);
    const counts = new Map<string, number>();
    for (const e of Object.values(focus)) counts.set(e!, (counts.get(e!) ?? 0) + 1);
    expect([...counts.values()].sort()).toEqual([1, 1, 2, 2]);
    const states = await focusSeen;
    states.forEach((s, i) => expect(s.you.focus).toBe(focus[raters[i].participantId]));
    // A rater may change their own.
    const own = await must(raters[0].socket, "participant:own-focus", { element: "stroefheid" });
    expect(own.focus).toBe("stroefheid");
    // Not someone else's, and an observator has none.
    expect((await call(raters[0].socket, "participant:focus", { participantId: raters[1].participantId, element: "binding" })).ok).toBe(false);
    const obs = await call(observer.socket, "participant:own-focus", { element: "binding" });
    expect(obs.ok || obs.error.code).toBe("invalid_payload");
  });

  it("briefing, live, the clock plays and everyone follows it", async () => {
    expect((await must(host.socket, "session:phase", { phase: "briefing" })).phase).toBe("briefing");
    const liveSeen = Promise.all(raters.map((r) => next(r.socket, "session:state", (s) => s.phase === "live")));
    await must(host.socket, "session:phase", { phase: "live" });
    await liveSeen;
    const playing = Promise.all(raters.map((r) => next(r.socket, "session:state", (s) => s.clock.playing)));
    const clock = await must(host.socket, "session:clock", { action: "play", t: 0 });
    expect(clock.playing).toBe(true);
    for (const s of await playing) expect(s.clock).toEqual(clock);
  });

  it("raters rate blind: samples and moments are acked with the highest stored seq", async () => {
    await Promise.all(
      raters.map(async (r, i) => {
        const element = (["vertrouwen", "richting-kader", "binding", "stroefheid"] as const)[i % 4];
        const a = await must(r.socket, "rating:samples", { samples: samples(1, 50, element) });
        expect(a.lastSeq).toBe(50);
        const b = await must(r.socket, "rating:samples", { samples: samples(51, 120, element) });
        expect(b.lastSeq).toBe(120);
        const m = await must(r.socket, "moment:mark", { seq: 1, t: 4.5, element: "binding", behaviourId: "oprechte-interesse", note: secret(r) });
        expect(m.lastSeq).toBe(1);
      }),
    );
  });

  it("the host sees who is actively rating (presence), never a value", async () => {
    const presence = await next(host.socket, "presence:active", (p) => p.active.length === 6, 4_000);
    expect(presence.active.sort()).toEqual(raters.map((r) => r.participantId).sort());
  });

  it("final rating: raters submit, the host sees who did, not what", async () => {
    const finalSeen = next(host.socket, "session:state", (s) => s.phase === "final");
    await must(host.socket, "session:phase", { phase: "final" });
    await finalSeen;
    const allSubmitted = next(host.socket, "session:state", (s) => s.participants.filter((p) => p.finalSubmitted).length === 6);
    await Promise.all(
      raters.map(async (r, i) => {
        const scores = { vertrouwen: i, "richting-kader": 10 - i, binding: 5, stroefheid: (i * 3) % 11 };
        values.set(r.participantId, scores);
        const ack = await must(r.socket, "rating:final", { scores, observed: ["veilige-sfeer"], notes: { binding: secret(r) } });
        expect(ack.submittedAt).toBeGreaterThan(0);
      }),
    );
    const hostView = await allSubmitted;
    expect(JSON.stringify(hostView)).not.toMatch(/geheim|scores|"value"/);
    expect(hostView.you.final).toBeNull();
  });

  it("no rater's snapshot ever held another rater's values, and HTTP shows the host no values either", async () => {
    // One more snapshot for everyone, after all the rating.
    const latest = Promise.all(raters.map((r) => next(r.socket, "session:state")));
    await must(host.socket, "participant:focus", { participantId: raters[1].participantId, element: "binding" });
    await latest;
    for (const r of raters) {
      expect(r.snapshots.length).toBeGreaterThan(5);
      for (const s of r.snapshots) assertBlind(r, raters.filter((o) => o !== r), s);
      const own = r.snapshots.at(-1)!;
      expect(own.you.final?.scores).toEqual(values.get(r.participantId));
      expect(own.you.lastSampleSeq).toBe(120);
      expect(own.you.moments).toHaveLength(1);
    }
    for (const s of observer.snapshots) expect(JSON.stringify(s)).not.toMatch(/geheim/);

    const res = await api(server.url, `/api/sessions/${created.sessionId}`, { token: created.hostToken });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toMatch(/geheim|scores|resumeToken|TokenHash/);
    expect(JSON.parse(text).participants).toHaveLength(7);
    // A rater's own token opens nothing over HTTP.
    expect((await api(server.url, `/api/sessions/${created.sessionId}`, { token: raters[0].resumeToken })).status).toBe(403);
    expect((await api(server.url, `/api/sessions/${created.sessionId}/results`, { token: raters[0].resumeToken })).status).toBe(403);
    // Before the reveal there are no results, not even for the host.
    expect((await api(server.url, `/api/sessions/${created.sessionId}/results`, { token: created.hostToken })).status).toBe(409);
  });

  it("reveal: everyone in the room receives the results, computed from what was stored", async () => {
    const received = Promise.all([...raters, observer].map((r) => next(r.socket, "session:results")));
    const hostResults = next(host.socket, "session:results");
    expect((await must(host.socket, "session:phase", { phase: "reveal" })).phase).toBe("reveal");
    const all = await received;
    const results = (await hostResults) as RevealResults;
    expect(results.raterCount).toBe(6);
    expect(results.finals.map((f) => f.displayName).sort()).toEqual(["Anna", "Bram", "Chantal", "Dirk", "Esra", "Fleur"]);
    for (const f of results.finals) {
      const r = raters.find((x) => x.name === f.displayName)!;
      expect(f.scores).toEqual(values.get(r.participantId));
    }
    for (const r of all) expect(r).toEqual(results);

    const res = await api(server.url, `/api/sessions/${created.sessionId}/results`, { token: created.hostToken });
    expect(res.status).toBe(200);
    expect((await res.json()).results).toEqual(results);

    // Nothing is rated after the reveal.
    const late = await call(raters[0].socket, "rating:samples", { samples: samples(121, 121) });
    expect(late.ok || late.error.code).toBe("wrong_phase");
    // A rater who reloads gets the results again on rejoining.
    const again = await joinAgain(raters[2]);
    expect(again).toEqual(results);
  });

  it("discussion, reflection, closed; and a wrong step is refused with a reason", async () => {
    const wrong = await call(host.socket, "session:phase", { phase: "live" });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) {
      expect(wrong.error.code).toBe("invalid_transition");
      expect(wrong.error.message).toMatch(/Van "Onthulling" kun je alleen naar/);
    }
    await must(host.socket, "session:phase", { phase: "discussion" });
    await must(host.socket, "session:phase", { phase: "reflection" });
    await must(host.socket, "session:phase", { phase: "closed" });
    const after = await call(host.socket, "session:phase", { phase: "reveal" });
    expect(after.ok || after.error.code).toBe("session_closed");
  });

  afterAll(() => {
    for (const r of [...raters, observer]) r?.socket.close();
    host?.socket.close();
  });

  async function joinAgain(r: Rater): Promise<unknown> {
    r.socket.close();
    const { connect } = await import("./live-helpers");
    const socket = await connect(server.url);
    const results = next(socket, "session:results");
    const data = await must(socket, "session:join", { code: created.code, resumeToken: r.resumeToken });
    expect(data.participantId).toBe(r.participantId);
    expect(data.state.you.final?.scores).toEqual(values.get(r.participantId));
    r.socket = socket;
    return results;
  }
});

describe("the host", () => {
  it("re-attaches from a second tab, and both tabs follow the session", async () => {
    const created = await createSession(server.url, { source: { kind: "roleplay" } });
    const first = await joinHost(server.url, created);
    const second = await joinHost(server.url, created);
    const seenByFirst = next(first.socket, "session:state", (s) => s.phase === "briefing");
    await must(second.socket, "session:phase", { phase: "briefing" });
    expect((await seenByFirst).phase).toBe("briefing");
    first.socket.close();
    second.socket.close();
  });

  it("removes a participant: their socket is told and closed, their seat cannot be resumed", async () => {
    const created = await createSession(server.url);
    const host = await joinHost(server.url, created);
    const rater = await joinAs(server.url, created.code, "Gijs", "arbeidsdeskundige");
    const told = next(rater.socket, "session:removed");
    const closed = new Promise<string>((resolve) => rater.socket.once("disconnect", (reason) => resolve(reason)));
    const gone = next(host.socket, "session:state", (s) => s.participants.length === 0);
    await must(host.socket, "participant:remove", { participantId: rater.participantId });
    expect((await told).message).toMatch(/uit deze sessie gehaald/);
    expect(await closed).toBe("io server disconnect");
    await gone;
    const { connect } = await import("./live-helpers");
    const socket = await connect(server.url);
    const back = await call(socket, "session:join", { code: created.code, resumeToken: rater.resumeToken });
    expect(back.ok || back.error.code).toBe("removed");
    socket.close();
    host.socket.close();
  });
});
