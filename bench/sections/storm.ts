// Join storm: many participants connect and join within a few seconds, spread over rooms (one
// address per room, as OT groups behind their own routers; the per-address join limit allows 60 at
// once, so a room of 25 is never refused by it). The hosts are connected first and get every update.
import { rmSync } from "node:fs";
import type { RuntimeMetrics } from "../../server/metrics";
import { Generator, spawnApp, tempDir } from "../lib/children";
import { cpuPercent, sampleProc } from "../lib/proc";
import { type Distribution, distribution } from "../lib/stats";
import { createSessions } from "./realtime";

export interface StormResult {
  people: number;
  rooms: number;
  windowSeconds: number;
  /** From the first planned join to the last join answered. */
  allInMs: number;
  joined: number;
  /** connect + session:join, per person (ms) */
  join: Distribution;
  errors: Record<string, number>;
  cpuPercent: number;
  server: RuntimeMetrics;
}

export async function runStorm(o: { appCwd: string; people: number; perRoom: number; windowSeconds: number }): Promise<StormResult> {
  const dataDir = tempDir("ak-bench-data-");
  const server = await spawnApp({ cwd: o.appCwd, dataDir });
  const gen = new Generator();
  try {
    const roomCount = Math.ceil(o.people / o.perRoom);
    const rooms = await createSessions(server.url, roomCount);
    await server.metrics();
    const a = sampleProc(server.pid);
    const result = await gen.call<{ joins: number[]; errors: Record<string, number>; allInMs: number; people: number }>({
      cmd: "storm",
      url: server.url,
      rooms,
      perRoom: o.perRoom,
      windowMs: o.windowSeconds * 1000,
    });
    const b = sampleProc(server.pid);
    const metrics = await server.metrics();
    return {
      people: result.people,
      rooms: roomCount,
      windowSeconds: o.windowSeconds,
      allInMs: result.allInMs,
      joined: result.joins.length,
      join: distribution(result.joins),
      errors: result.errors,
      cpuPercent: cpuPercent(a, b),
      server: metrics,
    };
  } finally {
    await gen.close().catch(() => undefined);
    await server.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
