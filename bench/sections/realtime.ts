// Realtime load: R rooms × N raters, each rater sending a second of 10 Hz samples per batch (and a
// moment now and then), one host per room receiving rating:progress. The same load against our
// server and against the bare relay; the generators run in their own processes.
import { randomBytes } from "node:crypto";
import { request } from "node:http";
import { rmSync } from "node:fs";
import type { RuntimeMetrics } from "../../server/metrics";
import { Generator, type ServerProcess, spawnApp, spawnRelay, tempDir } from "../lib/children";
import type { RoomSpec } from "../lib/clients";
import { cpuPercent, sampleProc } from "../lib/proc";
import { type Distribution, distribution, median, sleep } from "../lib/stats";
import { readStore, type Reconciliation, reconcile } from "../lib/store-check";
import type { SetupCommand, StopReport } from "../load-generator";

export type Target = "ours" | "relay";

export interface Level {
  rooms: number;
  perRoom: number;
}

export interface RealtimeOptions {
  appCwd: string;
  warmupSeconds: number;
  measureSeconds: number;
  /** Generator processes; 0 = 1 up to 1 000 raters, else 2. */
  generators: number;
  momentRate: number;
  /** Extra node flags for our server (e.g. --cpu-prof), for looking into a level. */
  serverNodeArgs?: string[];
  /** Pin the server (or relay) to cores.server and the generators to cores.load (taskset). */
  cores?: { server: number; load: number };
  log: (line: string) => void;
}

export interface LevelResult {
  target: Target;
  rooms: number;
  perRoom: number;
  raters: number;
  /** rater emit → host has the update counting it (ms) */
  latency: Distribution;
  /** emit → ack (ms) */
  ack: Distribution;
  batchesPerSecond: number;
  hostUpdates: number;
  errors: Record<string, number>;
  timeouts: number;
  joinErrors: Record<string, number>;
  counts: Reconciliation;
  /** Stored counts are checked (ours); the relay stores nothing. */
  checked: boolean;
  /** Nothing lost: sent = acked = stored, nothing twice, no refusals, no timeouts. */
  intact: boolean;
  cpuPercent: number;
  /** Server CPU (% of one core) per 1 000 raters: cpuPercent / (raters / 1 000). */
  cpuPer1000: number;
  /** How many runs these figures are the median of, and each run's cpuPercent. */
  runs: number;
  cpuPercentRuns: number[];
  rssBaselineBytes: number;
  rssLoadBytes: number;
  rssPerRaterBytes: number;
  server: RuntimeMetrics;
  generatorCpuPercent: number[];
  generatorLoopP99: number;
  joinSeconds: number;
  drainMs: number;
}

/** Each room's people come from their own address, as an OT group behind its own router. */
export const roomAddress = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${(i & 255) + 1}`;

function post(url: string, path: string, body: unknown, address: string): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const req = request(
      `${url}${path}`,
      { method: "POST", headers: { "content-type": "application/json", "content-length": data.length, "x-forwarded-for": address } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString() || "null") }));
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

/** Sessions over HTTP (a free-form roleplay: no gesprek length, so any t is in range). */
export async function createSessions(url: string, count: number, firstAddress = 0): Promise<RoomSpec[]> {
  const rooms: RoomSpec[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < count) {
        const i = next++;
        const address = roomAddress(firstAddress + i);
        const res = await post(url, "/api/sessions", { title: `Bench ${i + 1}`, source: { kind: "roleplay" }, separateRoles: true, nameDisplay: "pseudoniemen" }, address);
        if (res.status !== 201) throw new Error(`POST /api/sessions: ${res.status} ${JSON.stringify(res.json)}`);
        const created = res.json as { code: string; hostToken: string };
        rooms[i] = { code: created.code, hostToken: created.hostToken, address };
      }
    }),
  );
  return rooms;
}

/**
 * Resident memory over a stretch of time: the median of one sample a second, so that where the
 * garbage collector happens to be in its cycle does not decide the figure.
 */
async function rssOver(pid: number, msec: number): Promise<number> {
  const samples: number[] = [];
  const end = performance.now() + msec;
  for (;;) {
    const s = sampleProc(pid);
    if (s) samples.push(s.rssBytes);
    const left = end - performance.now();
    if (left <= 0) break;
    await sleep(Math.min(1_000, left));
  }
  return samples.length ? median(samples) : Number.NaN;
}

export function generatorCount(raters: number, requested: number): number {
  return requested > 0 ? requested : raters > 1000 ? 2 : 1;
}

export async function runLevel(target: Target, level: Level, o: RealtimeOptions): Promise<LevelResult> {
  const raters = level.rooms * level.perRoom;
  const dataDir = tempDir("ak-bench-data-");
  let server: ServerProcess | null = null;
  const gens: Generator[] = [];
  try {
    const core = o.cores?.server;
    server = target === "ours" ? await spawnApp({ cwd: o.appCwd, dataDir, nodeArgs: o.serverNodeArgs, core }) : await spawnRelay({ core });
    const rooms: RoomSpec[] =
      target === "ours"
        ? await createSessions(server.url, level.rooms)
        : Array.from({ length: level.rooms }, (_, i) => ({ code: `RELAY${i}`, hostToken: randomBytes(16).toString("base64url"), address: roomAddress(i) }));
    const baseline = await rssOver(server.pid, 1_500);
    const g = generatorCount(raters, o.generators);
    for (let k = 0; k < g; k++) gens.push(new Generator({ core: o.cores?.load }));
    const started = performance.now();
    await Promise.all(
      gens.map((gen, k) =>
        gen.call({
          cmd: "setup",
          url: server!.url,
          port: server!.port,
          rooms: rooms.filter((_, i) => i % g === k),
          ratersPerRoom: level.perRoom,
          momentRate: o.momentRate,
          phases: ["briefing", "live"],
        } satisfies SetupCommand),
      ),
    );
    const joinSeconds = (performance.now() - started) / 1000;
    await Promise.all(gens.map((gen) => gen.call({ cmd: "start" })));
    await sleep(o.warmupSeconds * 1000);
    await server.metrics();
    await Promise.all(gens.map((gen) => gen.call({ cmd: "measure" })));
    const a = sampleProc(server.pid);
    const ga = gens.map((gen) => sampleProc(gen.pid));
    const rssLoad = await rssOver(server.pid, o.measureSeconds * 1000);
    const b = sampleProc(server.pid);
    const gb = gens.map((gen) => sampleProc(gen.pid));
    const metrics = await server.metrics();
    const stops = await Promise.all(gens.map((gen) => gen.call<StopReport>({ cmd: "stop", drainMs: 30_000 })));
    await Promise.all(gens.map((gen) => gen.close()));
    gens.length = 0;
    await server.stop();
    const stored = target === "ours" ? readStore(dataDir) : null;
    const counts = reconcile(
      stops.flatMap((s) => s.raters),
      stored,
    );
    const windows = stops.map((s) => s.window);
    const errors: Record<string, number> = {};
    const joinErrors: Record<string, number> = {};
    for (const w of windows) for (const [k, v] of Object.entries(w.errors)) errors[k] = (errors[k] ?? 0) + v;
    for (const s of stops) for (const [k, v] of Object.entries(s.joinErrors)) joinErrors[k] = (joinErrors[k] ?? 0) + v;
    const timeouts = windows.reduce((n, w) => n + w.timeouts, 0);
    const equal =
      counts.samplesSent === counts.samplesMade &&
      counts.samplesAcked === counts.samplesMade &&
      counts.momentsAcked === counts.momentsMade &&
      (stored === null || (counts.samplesStored === counts.samplesMade && counts.momentsStored === counts.momentsMade));
    const seconds = windows[0]?.seconds ?? o.measureSeconds;
    return {
      target,
      rooms: level.rooms,
      perRoom: level.perRoom,
      raters,
      latency: distribution(windows.flatMap((w) => w.latencies)),
      ack: distribution(windows.flatMap((w) => w.acks)),
      batchesPerSecond: windows.reduce((n, w) => n + w.batches, 0) / seconds,
      hostUpdates: windows.reduce((n, w) => n + w.hostUpdates, 0),
      errors,
      timeouts,
      joinErrors,
      counts,
      checked: stored !== null,
      intact: equal && counts.problems.length === 0 && counts.duplicates === 0 && timeouts === 0 && Object.keys(errors).length === 0,
      cpuPercent: cpuPercent(a, b),
      cpuPer1000: cpuPercent(a, b) / (raters / 1000),
      runs: 1,
      cpuPercentRuns: [cpuPercent(a, b)],
      rssBaselineBytes: baseline,
      rssLoadBytes: rssLoad,
      rssPerRaterBytes: (rssLoad - baseline) / raters,
      server: metrics,
      generatorCpuPercent: ga.map((x, i) => cpuPercent(x, gb[i])),
      generatorLoopP99: Math.max(...windows.map((w) => w.loopDelayP99)),
      joinSeconds,
      drainMs: Math.max(...stops.map((s) => s.drainMs)),
    };
  } finally {
    for (const gen of gens) await gen.close().catch(() => undefined);
    await server?.kill().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const medianDistribution = (ds: Distribution[]): Distribution => ({
  n: ds.reduce((n, d) => n + d.n, 0),
  p50: median(ds.map((d) => d.p50)),
  p95: median(ds.map((d) => d.p95)),
  p99: median(ds.map((d) => d.p99)),
  max: median(ds.map((d) => d.max)),
});

/**
 * Several runs of one level as one result: every figure is the median over the runs (a shared
 * machine has its moments), while "nothing lost" holds only when it held in every run; counts,
 * refusals and time-outs are summed, so a loss in any run shows.
 */
export function medianOfRuns(runs: LevelResult[]): LevelResult {
  if (runs.length === 1) return runs[0];
  const mid = (f: (r: LevelResult) => number) => median(runs.map(f));
  const sum = (f: (r: LevelResult) => number) => runs.reduce((n, r) => n + f(r), 0);
  const merge = (f: (r: LevelResult) => Record<string, number>) => {
    const out: Record<string, number> = {};
    for (const r of runs) for (const [k, v] of Object.entries(f(r))) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  const c = (k: Exclude<keyof Reconciliation, "problems">) => sum((r) => r.counts[k]);
  const cpuPercentRuns = runs.flatMap((r) => r.cpuPercentRuns);
  return {
    ...runs[0],
    latency: medianDistribution(runs.map((r) => r.latency)),
    ack: medianDistribution(runs.map((r) => r.ack)),
    batchesPerSecond: mid((r) => r.batchesPerSecond),
    hostUpdates: sum((r) => r.hostUpdates),
    errors: merge((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    joinErrors: merge((r) => r.joinErrors),
    counts: {
      samplesMade: c("samplesMade"),
      samplesSent: c("samplesSent"),
      samplesAcked: c("samplesAcked"),
      samplesStored: c("samplesStored"),
      momentsMade: c("momentsMade"),
      momentsAcked: c("momentsAcked"),
      momentsStored: c("momentsStored"),
      finalsMade: c("finalsMade"),
      finalsAcked: c("finalsAcked"),
      finalsStored: c("finalsStored"),
      duplicates: c("duplicates"),
      problems: runs.flatMap((r) => r.counts.problems),
    },
    intact: runs.every((r) => r.intact),
    cpuPercent: median(cpuPercentRuns),
    cpuPer1000: mid((r) => r.cpuPer1000),
    runs: runs.length,
    cpuPercentRuns,
    rssBaselineBytes: mid((r) => r.rssBaselineBytes),
    rssLoadBytes: mid((r) => r.rssLoadBytes),
    rssPerRaterBytes: mid((r) => r.rssPerRaterBytes),
    server: {
      seconds: mid((r) => r.server.seconds),
      eventLoopDelayMs: {
        p50: mid((r) => r.server.eventLoopDelayMs.p50),
        p99: mid((r) => r.server.eventLoopDelayMs.p99),
        max: mid((r) => r.server.eventLoopDelayMs.max),
      },
      logFlush: {
        count: mid((r) => r.server.logFlush.count),
        records: mid((r) => r.server.logFlush.records),
        p50Ms: mid((r) => r.server.logFlush.p50Ms),
        p95Ms: mid((r) => r.server.logFlush.p95Ms),
        maxMs: mid((r) => r.server.logFlush.maxMs),
      },
    },
    generatorCpuPercent: runs[0].generatorCpuPercent.map((_, i) => mid((r) => r.generatorCpuPercent[i])),
    generatorLoopP99: mid((r) => r.generatorLoopP99),
    joinSeconds: mid((r) => r.joinSeconds),
    drainMs: mid((r) => r.drainMs),
  };
}
