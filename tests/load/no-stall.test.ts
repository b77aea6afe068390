// Issue 12, item 1: a long session never stalls the other rooms. A session of 30 raters × 60 min ×
// 10 Hz (1.08 million samples, written through the store's own API) is revealed, and its host
// downloads the CSV five times at once, while another room of 15 raters rates live over real
// sockets. Every download must be complete, the live room's ack p95 stay under 50 ms, and the
// server's own event-loop delay (measured inside its process, read with SIGUSR2) stay under 100 ms
// (on a machine busy without us: see the limits below). Runs alone, after the other tests
// (tests/load/, package.json's test script): next to browser tests its timings would be a coin toss.
import { spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import type { Ack } from "../../app/core/protocol";
import type { ElementId } from "../../app/core/domain";
import type { RuntimeMetrics } from "../../server/metrics";
import { type RatingRecord, SessionStore } from "../../server/store/sessions";
import { type ChildServer, spawnServer, tempDataDir } from "../support/server";
import { connect, joinAs, joinHost, must, type Rater, startLive, type TestSocket } from "../integration/live-helpers";

const RATERS = 30;
const SAMPLES_PER_RATER = 60 * 60 * 10;
const LIVE_RATERS = 15;
const DOWNLOADS = 5;

let server: ChildServer | null = null;
const sockets: TestSocket[] = [];
afterAll(async () => {
  for (const s of sockets) s.close();
  await server?.stop();
});

/** Writes an hour of 30 raters, time-major like a real session: each rater's batch of a second in turn. */
async function writeLongLog(dataDir: string, sessionId: string, raterIds: string[]): Promise<void> {
  const store = new SessionStore(dataDir);
  await store.loadAll();
  const elements: ElementId[] = ["vertrouwen", "richting-kader", "binding", "stroefheid"];
  let pending: RatingRecord[] = [];
  for (let second = 0; second < SAMPLES_PER_RATER / 10; second++) {
    raterIds.forEach((participantId, r) => {
      const samples: [number, ElementId, number, number][] = [];
      for (let k = 1; k <= 10; k++) {
        const seq = second * 10 + k;
        samples.push([seq, elements[r % 4], ((seq * 7 + r) % 101) / 10, seq / 10]);
      }
      pending.push({ type: "samples", participantId, at: second * 1000, samples });
    });
    if (pending.length >= 3000) {
      await store.append(sessionId, pending);
      pending = [];
    }
  }
  if (pending.length) await store.append(sessionId, pending);
  await store.close();
}

interface Download {
  status: number;
  encoding: string | null;
  lines: number;
  last: string;
}

/**
 * Downloads `url` `count` times at once in a process of its own, counting each download's lines as
 * they stream in (without holding them): 200 MB through fetch costs a core, which in this process
 * would delay the live room's acks and be measured as the server's.
 */
function downloadElsewhere(url: string, token: string, count: number): Promise<Download[]> {
  const script = `
    const [url, token, count] = process.argv.slice(1);
    async function one() {
      const res = await fetch(url, { headers: { authorization: "Bearer " + token } });
      let lines = 0;
      let tail = Buffer.alloc(0);
      for await (const chunk of res.body) {
        for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
        tail = Buffer.concat([tail, Buffer.from(chunk).subarray(-400)]).subarray(-400);
      }
      const last = tail.toString("utf8").trimEnd().split("\\r\\n").at(-1) ?? "";
      return { status: res.status, encoding: res.headers.get("content-encoding"), lines, last };
    }
    Promise.all(Array.from({ length: Number(count) }, one)).then((all) => process.stdout.write(JSON.stringify(all)));
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", script, url, token, String(count)], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as Download[]) : reject(new Error(`downloads stopten (code ${code}): ${err}`))));
  });
}

/** The server's runtime figures since the last call (server/metrics.ts: a JSON log line `metrics` on SIGUSR2). */
async function serverMetrics(s: ChildServer): Promise<RuntimeMetrics> {
  const entries = () =>
    s
      .output()
      .split("\n")
      .filter((l) => l.startsWith("{") && l.endsWith("}"))
      .map((l) => JSON.parse(l) as { msg: string; metrics?: RuntimeMetrics })
      .filter((e) => e.msg === "metrics");
  const seen = entries().length;
  s.process.kill("SIGUSR2");
  await expect.poll(() => entries().length, { timeout: 10_000 }).toBeGreaterThan(seen);
  return entries()[seen].metrics!;
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
}

describe("a 1 M-sample session downloaded five times at once", () => {
  it("stalls no other room", async () => {
    const dataDir = tempDataDir();
    // The long session: created and joined over the real API, then its hour of ratings written
    // through the store while the server is down (replaying a million emits would take the test's time).
    server = await spawnServer({ dataDir });
    const long = await startLive(server.url, { title: "Lange sessie", source: { kind: "roleplay" } });
    const raters: Rater[] = [];
    for (let i = 0; i < RATERS; i++) raters.push(await joinAs(server.url, long.created.code, `Deelnemer ${i + 1}`, "arbeidsdeskundige"));
    for (const r of raters) r.socket.close();
    long.host.socket.close();
    await server.stop();
    server = null;
    await writeLongLog(dataDir, long.created.sessionId, raters.map((r) => r.participantId));

    server = await spawnServer({ dataDir });
    const url = server.url;
    // The first join loads the session's room (decision 028: rooms load on first use), which reads
    // its hour of ratings: seconds, more than joinHost's 5 s ack on a busy machine. Not measured.
    const first = await connect(url);
    const loaded = (await first.timeout(120_000).emitWithAck("session:join", { code: long.created.code, hostToken: long.created.hostToken })) as Ack<unknown>;
    expect(loaded.ok).toBe(true);
    first.close();
    const host = await joinHost(url, long.created);
    sockets.push(host.socket);
    await must(host.socket, "session:phase", { phase: "final" });

    // The other room: 15 raters rating live, a batch of a second each per second, one in flight.
    const other = await startLive(url, { title: "Andere groep", source: { kind: "roleplay" } });
    sockets.push(other.host.socket);
    const live: Rater[] = [];
    for (let i = 0; i < LIVE_RATERS; i++) {
      const r = await joinAs(url, other.created.code, `Live ${i + 1}`, "arbeidsdeskundige");
      live.push(r);
      sockets.push(r.socket);
    }
    // Each ack: when its emit left (ms since the measured interval began) and how long it took.
    const acks: { at: number; ms: number }[] = [];
    let zero = performance.now();
    let rating = true;
    const rate = async (r: Rater, offset: number) => {
      let seq = 0;
      await new Promise((resolve) => setTimeout(resolve, offset));
      while (rating) {
        const started = performance.now();
        const batch = Array.from({ length: 10 }, () => {
          seq++;
          return { seq, element: "binding", value: seq % 11, t: seq / 10 };
        });
        const ack = (await r.socket.timeout(60_000).emitWithAck("rating:samples", { samples: batch })) as Ack<unknown>;
        const ms = performance.now() - started;
        expect(ack.ok).toBe(true);
        acks.push({ at: started - zero, ms });
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 - ms)));
      }
    };
    const raterLoops = live.map((r, i) => rate(r, (i * 1000) / LIVE_RATERS));
    await expect.poll(() => acks.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(LIVE_RATERS);
    const quiet = acks.length;
    await serverMetrics(server); // starts the measured interval
    zero = performance.now();

    /** One phase's figures, printed so that a failing run says where it waited. */
    const phase = (name: string, from: number, metrics: RuntimeMetrics) => {
      const ms = acks.slice(from).map((a) => a.ms);
      const slow = acks.slice(from).filter((a) => a.ms > 100);
      console.log(
        `no-stall ${name}: ${(performance.now() - zero).toFixed(0)} ms in; ${ms.length} acks p95 ${p95(ms).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms; ` +
          `event loop max ${metrics.eventLoopDelayMs.max} ms, p99 ${metrics.eventLoopDelayMs.p99} ms; ` +
          `log commits p95 ${metrics.logFlush.p95Ms} ms, max ${metrics.logFlush.maxMs} ms` +
          (slow.length ? `; acks over 100 ms at ${slow.map((a) => `${a.at.toFixed(0)}+${a.ms.toFixed(0)}`).join(", ")}` : ""),
      );
      return metrics;
    };
    // The machine as it is: five seconds of the live room alone, for comparison (printed only).
    await expect.poll(() => acks.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(quiet + LIVE_RATERS * 5);
    const alone = phase("alone", quiet, await serverMetrics(server));
    const aloneP95 = p95(acks.slice(quiet).map((a) => a.ms));
    const fromReveal = acks.length;
    let downloads: Download[];
    const loopMax: number[] = [];
    let fromDownloads = 0;
    try {
      // The reveal computes the results of the million samples; the host downloads at once after.
      const revealed = (await host.socket.timeout(60_000).emitWithAck("session:phase", { phase: "reveal" })) as Ack<unknown>;
      expect(revealed.ok).toBe(true);
      loopMax.push(phase("reveal", fromReveal, await serverMetrics(server)).eventLoopDelayMs.max);
      fromDownloads = acks.length;
      downloads = await downloadElsewhere(`${url}/sessie/${long.created.code}/verslag.csv`, long.created.hostToken, DOWNLOADS);
      loopMax.push(phase("downloads", fromDownloads, await serverMetrics(server)).eventLoopDelayMs.max);
    } finally {
      rating = false;
      await Promise.allSettled(raterLoops);
    }
    await Promise.all(raterLoops);

    // Each phase on its own: the reveal (computing a million samples) and the five downloads.
    const duringReveal = acks.slice(fromReveal, fromDownloads).map((a) => a.ms);
    const duringDownloads = acks.slice(fromDownloads).map((a) => a.ms);
    for (const d of downloads) {
      expect(d.status).toBe(200);
      expect(d.encoding).toBeNull();
      expect(d.lines).toBe(1 + RATERS * SAMPLES_PER_RATER);
      expect(d.last).toMatch(new RegExp(`^${long.created.code},[^,]+,arbeidsdeskundige,[a-z-]+,3600,[\\d.]+,sample,$`));
    }
    expect(duringReveal.length).toBeGreaterThanOrEqual(LIVE_RATERS);
    expect(duringDownloads.length).toBeGreaterThanOrEqual(LIVE_RATERS * 2);
    // The issue's targets (ack p95 < 50 ms, event-loop delay max < 100 ms) hold on a machine that
    // is otherwise quiet: CI runs this file alone (package.json, decision 024). Where other work
    // already slows the live room by itself (a shared development machine), the limits are twice
    // what the room saw alone, and the run says so. Before decision 024 the downloads alone gave
    // seconds, far above either.
    const ackLimit = Math.max(50, 2 * aloneP95);
    const loopLimit = Math.max(100, 2 * alone.eventLoopDelayMs.max);
    if (ackLimit > 50 || loopLimit > 100) console.log(`no-stall: the machine is busy without us; limits ack p95 ${ackLimit.toFixed(0)} ms, event loop ${loopLimit.toFixed(0)} ms`);
    expect(p95(duringReveal)).toBeLessThan(ackLimit);
    expect(p95(duringDownloads)).toBeLessThan(ackLimit);
    expect(Math.max(...loopMax)).toBeLessThan(loopLimit);
  }, 180_000);
});
