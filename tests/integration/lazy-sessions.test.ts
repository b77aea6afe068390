// Memory holds the rooms people are in (issue 12, item 2; docs/decisions/028). At start only the
// session documents are read; a log is read when its session is first used. A session nobody uses
// is unloaded and read again on the next use, with everything that was acked.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Ack, JoinResult } from "../../app/core/protocol";
import type { CreatedSession } from "../../app/core/session-service";
import { storedSamples } from "../../server/realtime/rooms";
import { readLog } from "../../server/store/event-log";
import { ratingRecordSchema } from "../../server/store/sessions";
import { startTestServer, tempDataDir } from "../support/server";
import { api, call, connect, createSession, joinAs, joinHost, must, samples, startLive, type TestSocket } from "./live-helpers";

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** IDLE_UNLOAD_MINUTES for the tests that wait for an unload: 0.3 s. */
const QUICK_UNLOAD = { IDLE_UNLOAD_MINUTES: "0.005" };

let running: Server[] = [];
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const s of running.splice(0)) await s.close();
});

async function start(dataDir: string, env: Record<string, string> = {}): Promise<Server> {
  const server = await startTestServer({ dataDir, env });
  running.push(server);
  return server;
}

async function stop(server: Server): Promise<void> {
  running = running.filter((s) => s !== server);
  await server.close();
}

/** Waits until `check` holds, looking again every 20 ms; fails after `timeoutMs`. */
async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: niet binnen ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function logFile(dataDir: string, sessionId: string): string {
  return path.join(dataDir, "sessions", sessionId, "ratings.ndjson");
}

/** Every stored sample exactly once, by the intake's rule, as "participant:seq". */
async function storedKeys(dataDir: string, sessionId: string): Promise<string[]> {
  const { records } = await readLog(logFile(dataDir, sessionId), ratingRecordSchema);
  return storedSamples(records).map((s) => `${s.participantId}:${s.seq}`);
}

/** A session with a host and one rater who rated `count` samples (acked), all sockets closed. */
async function ratedSession(url: string, count: number): Promise<{ created: CreatedSession; raterId: string; resumeToken: string }> {
  const { created, host } = await startLive(url);
  const rater = await joinAs(url, created.code, "Anouk", "arbeidsdeskundige");
  for (let from = 1; from <= count; from += 10) await must(rater.socket, "rating:samples", { samples: samples(from, Math.min(count, from + 9)) });
  host.socket.close();
  rater.socket.close();
  return { created, raterId: rater.participantId, resumeToken: rater.resumeToken };
}

describe("at start", () => {
  it("reads every session document but no log: a damaged log stops only that session, with a clear error, and the server stays up", async () => {
    const dataDir = tempDataDir();
    const first = await start(dataDir);
    const sessions = [];
    for (let i = 0; i < 6; i++) sessions.push(await ratedSession(first.url, 20));
    await stop(first);
    const damaged = sessions[2];
    const healthy = sessions[4];
    // A line in the middle of the log that is no JSON: read at start, this stopped the server.
    const lines = readFileSync(logFile(dataDir, damaged.created.sessionId), "utf8").split("\n");
    lines.splice(1, 0, '{"type":"samples","participantId":');
    writeFileSync(logFile(dataDir, damaged.created.sessionId), lines.join("\n"));

    const server = await start(dataDir);
    expect(server.loadedRooms()).toBe(0);

    // Using the damaged session: a Dutch message in the closed shape, over HTTP and over the socket.
    const res = await api(server.url, `/api/sessions/${damaged.created.sessionId}`, { token: damaged.created.hostToken });
    expect(res.status).toBe(500);
    const body = (await res.json()) as Ack<never>;
    expect(body).toEqual({ ok: false, error: { code: "internal", message: expect.stringMatching(/beschadigd/) } });
    const socket = await connect(server.url);
    sockets.push(socket);
    const join = (await call(socket, "session:join", { code: damaged.created.code, resumeToken: damaged.resumeToken })) as Ack<JoinResult>;
    expect(join.ok || join.error).toEqual({ code: "internal", message: expect.stringMatching(/beschadigd/) });
    // Its file is not named to the user (only in the server's log).
    expect(JSON.stringify([body, join])).not.toContain("ratings.ndjson");

    // Everything else works, and the healthy session comes back with what was acked.
    const back = (await must(socket, "session:join", { code: healthy.created.code, resumeToken: healthy.resumeToken })) as JoinResult;
    expect(back.state.you?.lastSampleSeq).toBe(20);
    expect(server.loadedRooms()).toBe(1);
    const fresh = await createSession(server.url);
    expect((await api(server.url, `/api/sessions/${fresh.sessionId}`, { token: fresh.hostToken })).status).toBe(200);
    // The damaged session is tried again on the next use, still refused, still without harm.
    expect((await api(server.url, `/api/sessions/${damaged.created.sessionId}`, { token: damaged.created.hostToken })).status).toBe(500);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // Its host can still delete it: that needs no log.
    expect((await api(server.url, `/api/sessions/${damaged.created.sessionId}`, { method: "DELETE", token: damaged.created.hostToken })).status).toBe(204);
    expect(existsSync(path.join(dataDir, "sessions", damaged.created.sessionId))).toBe(false);
    expect((await api(server.url, `/api/sessions/${damaged.created.sessionId}`, { token: damaged.created.hostToken })).status).toBe(404);
  });

  it("still refuses to start on a damaged session document, naming the file", async () => {
    const dataDir = tempDataDir();
    const first = await start(dataDir);
    const { created } = await ratedSession(first.url, 10);
    await stop(first);
    const doc = path.join(dataDir, "sessions", created.sessionId, "session.json");
    writeFileSync(doc, readFileSync(doc, "utf8").slice(0, 40));
    await expect(startTestServer({ dataDir })).rejects.toThrow(doc);
  });
});

describe("an idle session", () => {
  it("is unloaded, and comes back intact on the next join with every acked sample, moment and final", async () => {
    const server = await start(tempDataDir(), QUICK_UNLOAD);
    const { created, host } = await startLive(server.url);
    const rater = await joinAs(server.url, created.code, "Bas", "ervaringsdeskundige");
    sockets.push(host.socket, rater.socket);
    for (let from = 1; from <= 50; from += 10) await must(rater.socket, "rating:samples", { samples: samples(from, from + 9, "binding") });
    await must(rater.socket, "moment:mark", { seq: 1, t: 2, element: "binding" });
    await must(host.socket, "session:phase", { phase: "final" });
    await must(rater.socket, "rating:final", { scores: { vertrouwen: 6, "richting-kader": 5, binding: 7, stroefheid: 3 }, observed: [] });
    expect(server.loadedRooms()).toBe(1);
    // While someone is connected it stays; once everyone left it goes.
    host.socket.close();
    rater.socket.close();
    await until("de sessie uit het geheugen", () => server.loadedRooms() === 0);

    const again = await connect(server.url);
    sockets.push(again);
    const back = (await must(again, "session:join", { code: created.code, resumeToken: rater.resumeToken })) as JoinResult;
    expect(server.loadedRooms()).toBe(1);
    expect(back.participantId).toBe(rater.participantId);
    expect(back.state.phase).toBe("final");
    expect(back.state.you?.lastSampleSeq).toBe(50);
    expect(back.state.you?.moments.map((m) => m.seq)).toEqual([1]);
    expect(back.state.you?.final?.scores.binding).toBe(7);
    // The host reveals the session that was read back: its results count every stored sample.
    const host2 = await joinHost(server.url, created);
    sockets.push(host2.socket);
    await must(host2.socket, "session:phase", { phase: "reveal" });
    const results = await api(server.url, `/api/sessions/${created.sessionId}/results`, { token: created.hostToken });
    expect(results.status).toBe(200);
    expect(await storedKeys(server.dataDir, created.sessionId)).toEqual(samples(1, 50).map((s) => `${rater.participantId}:${s.seq}`));
  });

  it("that two people join at once is loaded once: both seats are kept", async () => {
    const server = await start(tempDataDir(), QUICK_UNLOAD);
    const { created } = await ratedSession(server.url, 10);
    await until("de sessie uit het geheugen", () => server.loadedRooms() === 0);

    const [a, b] = await Promise.all([connect(server.url), connect(server.url)]);
    sockets.push(a, b);
    const [joinA, joinB] = (await Promise.all([
      must(a, "session:join", { code: created.code, name: "Carmen", role: "arbeidsdeskundige" }),
      must(b, "session:join", { code: created.code, name: "Dirk", role: "ervaringsdeskundige" }),
    ])) as JoinResult[];
    expect(server.loadedRooms()).toBe(1);
    // One room: the later of the two sees the other (two loads would have made two rooms, each
    // writing a document without the other's seat).
    const names = (state: JoinResult["state"]) => state.participants.map((p) => p.displayName).sort();
    const later = names(joinA.state).length > names(joinB.state).length ? joinA : joinB;
    expect(names(later.state)).toEqual(["Anouk", "Carmen", "Dirk"]);
    const host = await joinHost(server.url, created);
    sockets.push(host.socket);
    expect(host.state.participants.map((p) => p.displayName).sort()).toEqual(["Anouk", "Carmen", "Dirk"]);
    const doc = JSON.parse(readFileSync(path.join(server.dataDir, "sessions", created.sessionId, "session.json"), "utf8")) as { participants: { name: string }[] };
    expect(doc.participants.map((p) => p.name).sort()).toEqual(["Anouk", "Carmen", "Dirk"]);
  });

  it("is never unloaded under an append: every acked sample is stored once while it comes and goes", async () => {
    // Unloaded as soon as it is idle (30 ms, looked at every 20 ms), while a rater keeps coming back
    // to send two batches and the host's request reads it in at the same moment: joins and reads
    // arrive before, during and after unloads.
    const server = await start(tempDataDir(), { IDLE_UNLOAD_MINUTES: "0.0005" });
    const { created, raterId, resumeToken } = await ratedSession(server.url, 10);
    const acked: number[] = Array.from({ length: 10 }, (_, i) => i + 1);
    let last = 10;
    let unloads = 0;
    for (let round = 0; round < 20; round++) {
      const socket = await connect(server.url);
      const [joined, read] = await Promise.all([
        must(socket, "session:join", { code: created.code, resumeToken }) as Promise<JoinResult>,
        api(server.url, `/api/sessions/${created.sessionId}`, { token: created.hostToken }),
      ]);
      expect(read.status).toBe(200);
      await read.arrayBuffer();
      // What the server holds: everything acked, and perhaps the batch the last round did not wait for.
      const held = joined.state.you!.lastSampleSeq;
      expect([last, last + 5]).toContain(held);
      const from = held + 1;
      acked.push(...samples(from, from + 4).map((s) => s.seq));
      await must(socket, "rating:samples", { samples: samples(from, from + 4) });
      // The next batch is still on its way when the socket leaves.
      socket.emit("rating:samples", { samples: samples(from + 5, from + 9) }, () => undefined);
      socket.close();
      last = from + 4;
      if (round % 4 === 3) {
        await until("de sessie uit het geheugen", () => server.loadedRooms() === 0);
        unloads++;
      }
    }
    expect(unloads).toBe(5);
    // Every acked sample stored once, and nothing stored that was not sent: seqs 1 … n without a gap.
    const stored = await storedKeys(server.dataDir, created.sessionId);
    const n = stored.length;
    expect(stored).toEqual(Array.from({ length: n }, (_, i) => `${raterId}:${i + 1}`));
    expect(n).toBeGreaterThanOrEqual(acked.at(-1)!);
    // And the room read back agrees with the disk.
    const socket = await connect(server.url);
    sockets.push(socket);
    const back = (await must(socket, "session:join", { code: created.code, resumeToken })) as JoinResult;
    expect(back.state.you?.lastSampleSeq).toBe(n);
  });
});

describe("retention", () => {
  it("purges an expired session that was never loaded, from the index", async () => {
    const dataDir = tempDataDir();
    const first = await start(dataDir);
    const old = await ratedSession(first.url, 10);
    const recent = await ratedSession(first.url, 10);
    await stop(first);
    // Its last activity 40 days ago (the document is what retention reads).
    const docFile = path.join(dataDir, "sessions", old.created.sessionId, "session.json");
    const doc = JSON.parse(readFileSync(docFile, "utf8"));
    const shift = (t: number) => t - 40 * 24 * 3600 * 1000;
    doc.createdAt = shift(doc.createdAt);
    doc.clock.at = shift(doc.clock.at);
    for (const e of doc.phaseLog) e.at = shift(e.at);
    for (const p of doc.participants) p.joinedAt = shift(p.joinedAt);
    writeFileSync(docFile, JSON.stringify(doc));
    // A damaged log does not stop the purge: the log is never read for it.
    appendFileSync(logFile(dataDir, old.created.sessionId), "geen json\n");

    const server = await start(dataDir);
    expect(server.loadedRooms()).toBe(0);
    expect((await api(server.url, `/api/sessions/${old.created.sessionId}`, { token: old.created.hostToken })).status).toBe(404);
    expect((await api(server.url, `/api/sessions/${recent.created.sessionId}`, { token: recent.created.hostToken })).status).toBe(200);
  });
});
