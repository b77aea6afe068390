// The load generator: a child process of the bench (bench/run.ts, bench/faults.ts), so that the
// clients' work is not counted as the server's. Driven over IPC, one request at a time per command:
//   { id, cmd: "setup" | "start" | "measure" | "stop" | "phase" | "finals" | "await-rejoin" |
//     "offline" | "storm" | "status" | "close", ... }  →  { id, result } | { id, error }
import { monitorEventLoopDelay } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import type { Ack } from "../app/core/protocol";
import { CuttableProxy, type FinalPayload, Host, Rater, type RoomSpec, Stats } from "./lib/clients";

export interface SetupCommand {
  cmd: "setup";
  url: string;
  port: number;
  rooms: RoomSpec[];
  ratersPerRoom: number;
  /** Moments per rater per second (a moment now and then). */
  momentRate: number;
  /** The first n raters of the first room connect through a proxy that can cut them off. */
  proxied?: number;
  /** "live": the hosts move their sessions to live (bare relay: a no-op answered by the relay). */
  phases?: string[];
}

export interface StormCommand {
  cmd: "storm";
  url: string;
  rooms: RoomSpec[];
  perRoom: number;
  windowMs: number;
}

export interface RaterTotals {
  participantId: string;
  made: number;
  sent: number;
  acked: number;
  dropped: number;
  momentsMade: number;
  momentsAcked: number;
  final: FinalPayload | null;
  finalAcked: boolean;
  drained: boolean;
}

export interface WindowReport {
  latencies: number[];
  acks: number[];
  errors: Record<string, number>;
  timeouts: number;
  batches: number;
  hostUpdates: number;
  seconds: number;
  /** The generator's own event-loop delay p99 (ms): if it is high, latency is partly ours. */
  loopDelayP99: number;
}

export interface StopReport {
  window: WindowReport;
  raters: RaterTotals[];
  drainMs: number;
  reconnects: number[];
  joinErrors: Record<string, number>;
}

const stats = new Stats();
const hosts: Host[] = [];
const raters: Rater[] = [];
const proxies: CuttableProxy[] = [];
let producing = false;
let startedAt = 0;
let windowStart = 0;
let momentRate = 0;
let ticker: NodeJS.Timeout | null = null;
let slot = 0;
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

/** Every 100 ms a tenth of the raters make their second of samples and send: spread over the second. */
function tick() {
  const t = (performance.now() - startedAt) / 1000;
  for (let i = slot; i < raters.length; i += 10) {
    const r = raters[i];
    if (producing) {
      r.rate(t);
      if (Math.random() < momentRate) r.mark(t);
    }
    r.flush();
  }
  slot = (slot + 1) % 10;
}

async function limited<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

async function setup(c: SetupCommand) {
  momentRate = c.momentRate;
  const roomHosts = c.rooms.map((room) => new Host(c.url, room, stats));
  hosts.push(...roomHosts);
  for (const h of roomHosts) h.start();
  await Promise.all(roomHosts.map((h) => h.ready));
  for (const phase of c.phases ?? []) await Promise.all(roomHosts.map((h) => h.phase(phase)));
  const created: Rater[] = [];
  for (const [r, room] of c.rooms.entries()) {
    for (let i = 0; i < c.ratersPerRoom; i++) {
      let url = c.url;
      if (r === 0 && i < (c.proxied ?? 0)) {
        const proxy = new CuttableProxy(c.port);
        proxies.push(proxy);
        url = `http://127.0.0.1:${await proxy.listen()}`;
      }
      created.push(new Rater(url, room, stats, r * c.ratersPerRoom + i, roomHosts[r]));
    }
  }
  raters.push(...created);
  const started = performance.now();
  await limited(created, 50, async (rater) => {
    rater.start();
    await rater.ready;
  });
  return { raters: created.length, hosts: roomHosts.length, joinSeconds: (performance.now() - started) / 1000 };
}

function windowReport(): WindowReport {
  const report: WindowReport = {
    latencies: stats.latencies,
    acks: stats.acks,
    errors: stats.errors,
    timeouts: stats.timeouts,
    batches: stats.batches,
    hostUpdates: stats.hostUpdates,
    seconds: (performance.now() - windowStart) / 1000,
    loopDelayP99: Math.max(0, loop.percentile(99) / 1e6 - 10),
  };
  return report;
}

function totals(): RaterTotals[] {
  return raters.map((r) => ({
    participantId: r.participantId,
    made: r.made,
    sent: r.sent,
    acked: r.acked,
    dropped: r.dropped,
    momentsMade: r.momentsMade,
    momentsAcked: r.momentsAcked,
    final: r.final,
    finalAcked: r.finalAcked,
    drained: r.drained,
  }));
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

async function stop(drainMs: number): Promise<StopReport> {
  const window = windowReport();
  stats.open = false;
  producing = false;
  const started = performance.now();
  await until(() => raters.every((r) => r.drained), drainMs);
  const joinErrors: Record<string, number> = {};
  for (const p of [...hosts, ...raters]) for (const [k, v] of Object.entries(p.joinErrors)) joinErrors[k] = (joinErrors[k] ?? 0) + v;
  return {
    window,
    raters: totals(),
    drainMs: performance.now() - started,
    reconnects: [...hosts, ...raters].flatMap((p) => p.reconnects),
    joinErrors,
  };
}

/** A join storm: every participant connects and joins at its own moment within the window. */
async function storm(c: StormCommand) {
  const roomHosts = c.rooms.map((room) => new Host(c.url, room, stats));
  hosts.push(...roomHosts);
  for (const h of roomHosts) h.start();
  await Promise.all(roomHosts.map((h) => h.ready));
  const joins: number[] = [];
  const errors: Record<string, number> = {};
  const sockets: Socket[] = [];
  const start = performance.now();
  let lastIn = 0;
  const people = c.rooms.flatMap((room) => Array.from({ length: c.perRoom }, (_, i) => ({ room, i })));
  await Promise.all(
    people.map(
      ({ room, i }) =>
        new Promise<void>((resolve) => {
          const at = Math.random() * c.windowMs;
          setTimeout(() => {
            const begun = performance.now();
            const socket = io(c.url, { transports: ["websocket"], forceNew: true, reconnection: false, extraHeaders: { "x-forwarded-for": room.address } });
            sockets.push(socket);
            const failed = (code: string) => {
              errors[code] = (errors[code] ?? 0) + 1;
              resolve();
            };
            socket.once("connect_error", () => failed("connect_error"));
            socket.once("connect", () => {
              socket
                .timeout(30_000)
                .emit("session:join", { code: room.code, name: `Deelnemer ${i + 1}`, role: i % 3 === 2 ? "ervaringsdeskundige" : "arbeidsdeskundige" }, (err: Error | null, ack: Ack<unknown>) => {
                  if (err) return failed("timeout");
                  if (!ack.ok) return failed(ack.error.code);
                  const now = performance.now();
                  joins.push(now - begun);
                  lastIn = Math.max(lastIn, now - start);
                  resolve();
                });
            });
          }, at);
        }),
    ),
  );
  for (const s of sockets) s.disconnect();
  return { joins, errors, allInMs: lastIn, people: people.length };
}

type Command =
  | SetupCommand
  | StormCommand
  | { cmd: "start" }
  | { cmd: "measure" }
  | { cmd: "stop"; drainMs: number }
  | { cmd: "phase"; phase: string }
  | { cmd: "finals"; overMs: number }
  | { cmd: "await-rejoin"; timeoutMs: number }
  | { cmd: "offline"; proxy: number; ms: number }
  | { cmd: "status" }
  | { cmd: "close" };

const handlers: { [K in Command["cmd"]]: (c: Extract<Command, { cmd: K }>) => Promise<unknown> | unknown } = {
  setup,
  storm,
  start() {
    startedAt = performance.now();
    producing = true;
    ticker = setInterval(tick, 100);
    return { ok: true };
  },
  measure() {
    stats.openWindow();
    windowStart = performance.now();
    loop.reset();
    return { ok: true };
  },
  stop: (c) => stop(c.drainMs),
  async phase(c) {
    await Promise.all(hosts.map((h) => h.phase(c.phase)));
    return { ok: true };
  },
  /** Every rater submits a final rating, spread over the given time; they are retried until acked. */
  finals(c) {
    for (const r of raters) {
      setTimeout(() => {
        r.final = {
          scores: { vertrouwen: 1 + (r.index % 9), "richting-kader": 2 + (r.index % 8), binding: 3 + (r.index % 7), stroefheid: r.index % 5 },
          observed: [],
        };
        r.flush();
      }, Math.random() * c.overMs);
    }
    return { ok: true };
  },
  /** Resolves once every client is joined again; answers how long each reconnect took. */
  async "await-rejoin"(c) {
    const people = [...hosts, ...raters];
    const all = await until(() => people.every((p) => p.joined && p.disconnectedAt === null), c.timeoutMs);
    return { all, joined: people.filter((p) => p.joined).length, people: people.length, reconnects: people.flatMap((p) => p.reconnects) };
  },
  /** Drops the n-th proxied rater off the network for ms; resolves when it is back and drained. */
  async offline(c) {
    const proxy = proxies[c.proxy];
    const rater = raters[c.proxy];
    const madeBefore = rater.made;
    const momentsBefore = rater.momentsMade;
    proxy.cut();
    // Off the network, the rater keeps rating (the ticker) and marks a moment too.
    setTimeout(() => rater.mark((performance.now() - startedAt) / 1000), Math.min(1_000, c.ms / 2));
    await new Promise((resolve) => setTimeout(resolve, c.ms));
    const madeOffline = rater.made - madeBefore;
    const momentsOffline = rater.momentsMade - momentsBefore;
    proxy.restore();
    const restored = performance.now();
    await until(() => rater.joined && rater.disconnectedAt === null, 60_000);
    const backMs = performance.now() - restored;
    const target = rater.made;
    await until(() => rater.acked >= target && rater.moments.length === 0, 60_000);
    return { participantId: rater.participantId, madeOffline, momentsOffline, backMs, ackedAfterMs: performance.now() - restored, reconnects: rater.reconnects };
  },
  status() {
    return { joined: [...hosts, ...raters].filter((p) => p.joined).length, people: hosts.length + raters.length, raters: totals() };
  },
  close() {
    if (ticker) clearInterval(ticker);
    for (const p of [...hosts, ...raters]) p.close();
    for (const p of proxies) p.close();
    setTimeout(() => process.exit(0), 100);
    return { ok: true };
  },
};

process.on("message", (message: Command & { id: number }) => {
  const { id } = message;
  Promise.resolve()
    .then(() => (handlers[message.cmd] as (c: Command) => unknown)(message))
    .then(
      (result) => process.send!({ id, result }),
      (error: Error) => process.send!({ id, error: error.stack ?? String(error) }),
    );
});
process.on("disconnect", () => process.exit(0));
