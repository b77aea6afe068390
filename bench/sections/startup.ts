// "Start with a month of data" (issue 12, item 2; docs/decisions/028): a busy organisation's month
// on disk, and the compiled server (`npm run serve`: node build/node/start.js) started on it. How long
// until it listens, its resident memory then, and after one session was opened (its log read).
// The data goes to a temp folder that is removed afterwards; nothing is cached in the repository.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, rmSync } from "node:fs";
import path from "node:path";
import type { RuntimeMetrics } from "../../server/metrics";
import { REPO, serveNodeArgs, tempDir } from "../lib/children";
import { sampleProc } from "../lib/proc";
import { int, median, ms } from "../lib/stats";
import { type MonthShape, writeMonth } from "./startup-data";

export interface StartupRun {
  /** From spawn to the "luistert op" line (ms). */
  listeningMs: number;
  /** The same on an empty data folder, just before: what the server's start costs without data. */
  emptyListeningMs: number;
  rssAfterStartBytes: number;
  /** GET /api/sessions/:id of a session not yet in memory, as its host (ms). */
  openMs: number;
  rssAfterOpenBytes: number;
  /** Rooms in memory after the open, as the server reports it (SIGUSR2). */
  loadedRooms: number | null;
}

export interface StartupBench {
  shape: MonthShape;
  samples: number;
  logBytes: number;
  generateSeconds: number;
  runs: StartupRun[];
  /** Medians over the runs. */
  listeningMs: number;
  emptyListeningMs: number;
  rssAfterStartBytes: number;
  openMs: number;
  rssAfterOpenBytes: number;
}

interface Started {
  child: ChildProcess;
  port: number;
  listeningMs: number;
  output: () => string;
  stop(): Promise<void>;
}

/** The compiled server, as `npm run serve` runs it, on `dataDir`. */
function startCompiled(appCwd: string, dataDir: string): Promise<Started> {
  const entry = path.join(appCwd, "build/node/start.js");
  if (!existsSync(entry)) {
    // The compiled server is part of `npm run build`; a copy made without it gets it here.
    if (!existsSync(path.join(REPO, "build/node/start.js"))) execFileSync(process.execPath, [path.join(REPO, "scripts/build-server.mjs")], { cwd: REPO, stdio: "inherit" });
    cpSync(path.join(REPO, "build/node"), path.join(appCwd, "build/node"), { recursive: true });
  }
  const started = performance.now();
  const child = spawn(process.execPath, [...serveNodeArgs(), entry], {
    cwd: appCwd,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, CONTENT_DIR: path.join(REPO, "content"), LOG_FORMAT: "json" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  let listening = false;
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /luistert op http:\/\/localhost:(\d+)/.exec(output);
      if (!match || listening) return;
      listening = true;
      resolve({
        child,
        port: Number(match[1]),
        listeningMs: performance.now() - started,
        output: () => output,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          await exited;
        },
      });
    });
    void exited.then(() => reject(new Error(`de server stopte voor hij luisterde:\n${output}`)));
  });
}

/** The server's own figures (SIGUSR2 writes one JSON line with `metrics`). */
async function metricsOf(s: Started): Promise<RuntimeMetrics | null> {
  const lines = () => s.output().split("\n").filter((l) => l.includes('"msg":"metrics"'));
  const seen = lines().length;
  s.child.kill("SIGUSR2");
  const deadline = performance.now() + 10_000;
  while (lines().length <= seen) {
    if (performance.now() > deadline) return null;
    await new Promise((resolve) => s.child.stdout!.once("data", resolve));
  }
  return (JSON.parse(lines()[seen]) as { metrics: RuntimeMetrics }).metrics;
}

export async function runStartup(o: { appCwd: string; shape: MonthShape; runs: number; log: (line: string) => void }): Promise<StartupBench> {
  const dataDir = tempDir("ak-bench-maand-");
  try {
    const t0 = performance.now();
    o.log(`  een maand schrijven: ${o.shape.sessions} sessies × ${o.shape.raters} beoordelaars × ${o.shape.minutes} min × 10 Hz …`);
    const month = await writeMonth(dataDir, o.shape, o.log);
    const generateSeconds = (performance.now() - t0) / 1000;
    o.log(`  ${int(month.samples)} samples, ${(month.logBytes / 1024 ** 3).toFixed(2)} GB in ${generateSeconds.toFixed(0)} s`);
    const runs: StartupRun[] = [];
    for (let i = 0; i < o.runs; i++) {
      const emptyDir = tempDir("ak-bench-leeg-");
      let emptyListeningMs: number;
      try {
        const empty = await startCompiled(o.appCwd, emptyDir);
        emptyListeningMs = empty.listeningMs;
        await empty.stop();
      } finally {
        rmSync(emptyDir, { recursive: true, force: true });
      }
      const server = await startCompiled(o.appCwd, dataDir);
      try {
        const rssAfterStartBytes = sampleProc(server.child.pid!)?.rssBytes ?? Number.NaN;
        // A different session each run, from the middle of the month.
        const session = month.sessions[Math.floor(month.sessions.length / 2) + i];
        const openStart = performance.now();
        const res = await fetch(`http://127.0.0.1:${server.port}/api/sessions/${session.id}`, { headers: { authorization: `Bearer ${session.hostToken}` } });
        const body = (await res.json()) as { participants?: unknown[] };
        const openMs = performance.now() - openStart;
        if (!res.ok || !Array.isArray(body.participants)) throw new Error(`sessie openen: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
        const rssAfterOpenBytes = sampleProc(server.child.pid!)?.rssBytes ?? Number.NaN;
        const loadedRooms = (await metricsOf(server))?.loadedRooms ?? null;
        const run = { listeningMs: server.listeningMs, emptyListeningMs, rssAfterStartBytes, openMs, rssAfterOpenBytes, loadedRooms };
        o.log(
          `  start ${i + 1}: luistert na ${ms(run.listeningMs)} ms (lege datamap ${ms(emptyListeningMs)} ms), RSS ${mbText(rssAfterStartBytes)}; één sessie geopend in ${ms(openMs)} ms, RSS ${mbText(rssAfterOpenBytes)}${loadedRooms === null ? "" : `, ${loadedRooms} in het geheugen`}`,
        );
        runs.push(run);
      } finally {
        await server.stop();
      }
    }
    return {
      shape: o.shape,
      samples: month.samples,
      logBytes: month.logBytes,
      generateSeconds,
      runs,
      listeningMs: median(runs.map((r) => r.listeningMs)),
      emptyListeningMs: median(runs.map((r) => r.emptyListeningMs)),
      rssAfterStartBytes: median(runs.map((r) => r.rssAfterStartBytes)),
      openMs: median(runs.map((r) => r.openMs)),
      rssAfterOpenBytes: median(runs.map((r) => r.rssAfterOpenBytes)),
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const mbText = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** The section's table for bench/results.md and the README. */
export function startupMarkdown(x: StartupBench): string[] {
  const { sessions, raters, minutes } = x.shape;
  return [
    "### Starten met een maand aan gegevens",
    "",
    "| op schijf | samples | luistert na | zelfde server, lege datamap | RSS na start | één sessie openen | RSS daarna |",
    "|---|--:|--:|--:|--:|--:|--:|",
    `| ${sessions} sessies × ${raters} beoordelaars × ${minutes} min × 10 Hz, ${(x.logBytes / 1024 ** 3).toFixed(1)} GB | ${int(x.samples)} | ${ms(x.listeningMs)} ms | ${ms(x.emptyListeningMs)} ms | ${mbText(x.rssAfterStartBytes)} | ${ms(x.openMs)} ms | ${mbText(x.rssAfterOpenBytes)} |`,
    "",
    `De gecompileerde server (\`node build/node/start.js\`, zoals \`npm run serve\`) ${x.runs.length} keer gestart op dezelfde map (mediaan; page cache warm). Luistert na = van het starten van het proces tot de regel "luistert op"; het verschil met een lege datamap (gemeten vlak ervoor) is wat de maand kost: elk sessiedocument lezen en valideren; RSS uit \`/proc/<pid>/status\`. Openen = \`GET /api/sessions/:id\` als begeleider van een sessie die nog niet in het geheugen was: het log (${(x.logBytes / x.shape.sessions / 1024 / 1024).toFixed(1)} MB) lezen en valideren. Doel: starten < 2 s, RSS < 300 MB.`,
    "",
  ];
}
