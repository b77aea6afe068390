// `npm run bench:faults`: the long fault runs (the short ones are in npm test, see
// tests/integration/live-room-resilience.test.ts). Writes bench/faults.md.
//
// 1. SIGKILL under load: R rooms × N raters rate live, the host moves to "final", the raters send
//    their final ratings, and in the middle of that the server is killed. It is started again on
//    the same data folder and port; every client must reconnect by itself, and afterwards every
//    sample, moment and final rating made must be stored exactly once (read back from disk).
// 2. Offline raters: while a room rates, raters drop off the network for 5 s, 60 s and 3 minutes,
//    rating all the while; after they are back, everything they made must be stored exactly once.
//
//   npm run bench:faults -- --rooms 10 --raters 30 --offline 5,60,180
import { rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import { Generator, prepareApp, REPO, type ServerProcess, spawnApp, tempDir } from "./lib/children";
import { describeMachine } from "./lib/machine";
import { distribution, int, ms, sleep } from "./lib/stats";
import { readStore, reconcile } from "./lib/store-check";
import type { SetupCommand, StopReport } from "./load-generator";
import { createSessions } from "./sections/realtime";
import { tmpdir } from "node:os";

const { values: flags } = parseArgs({
  options: {
    rooms: { type: "string", default: "10" },
    raters: { type: "string", default: "30" },
    offline: { type: "string", default: "5,60,180" },
    out: { type: "string", default: "bench/faults.md" },
  },
});
const log = (line: string) => console.log(line);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

interface RejoinReport {
  all: boolean;
  joined: number;
  people: number;
  reconnects: number[];
}

async function sigkill(appCwd: string, rooms: number, perRoom: number): Promise<string[]> {
  const dataDir = tempDir("ak-faults-data-");
  const port = await freePort();
  let server: ServerProcess = await spawnApp({ cwd: appCwd, dataDir, port });
  const gen = new Generator();
  try {
    const specs = await createSessions(server.url, rooms);
    await gen.call({ cmd: "setup", url: server.url, port, rooms: specs, ratersPerRoom: perRoom, momentRate: 1 / 10, phases: ["briefing", "live"] } satisfies SetupCommand);
    await gen.call({ cmd: "start" });
    log(`SIGKILL: ${rooms} × ${perRoom} beoordelaars beoordelen live`);
    await sleep(8_000);
    await gen.call({ cmd: "phase", phase: "final" });
    await gen.call({ cmd: "finals", overMs: 6_000 });
    await sleep(3_000);
    const before = await gen.call<{ raters: { acked: number; finalAcked: boolean; momentsAcked: number }[] }>({ cmd: "status" });
    const ackedBefore = before.raters.reduce((n, r) => n + r.acked, 0);
    const finalsBefore = before.raters.filter((r) => r.finalAcked).length;
    await server.kill();
    const killedAt = performance.now();
    log(`  server gedood met SIGKILL (${int(ackedBefore)} samples en ${finalsBefore} eindoordelen bevestigd); opnieuw starten op dezelfde map en poort`);
    server = await spawnApp({ cwd: appCwd, dataDir, port });
    const restartMs = performance.now() - killedAt;
    const rejoin = await gen.call<RejoinReport>({ cmd: "await-rejoin", timeoutMs: 60_000 });
    const back = distribution(rejoin.reconnects);
    log(`  server luistert weer na ${ms(restartMs)} ms; ${rejoin.joined}/${rejoin.people} clients uit zichzelf terug, herverbinden p50 ${ms(back.p50)} ms, p95 ${ms(back.p95)} ms`);
    await sleep(5_000);
    const stop = await gen.call<StopReport>({ cmd: "stop", drainMs: 30_000 });
    await gen.close();
    await server.stop();
    const counts = reconcile(stop.raters, readStore(dataDir));
    const intact = counts.problems.length === 0 && counts.duplicates === 0 && counts.samplesStored === counts.samplesMade && counts.finalsStored === counts.finalsMade;
    log(`  ${intact ? "niets verloren, niets dubbel" : `PROBLEMEN: ${counts.problems.slice(0, 5).join("; ")}`}`);
    return [
      `### SIGKILL onder belasting`,
      "",
      `${rooms} kamers × ${perRoom} beoordelaars (plus een host per kamer) beoordelen live; de host gaat naar "eindoordeel" en terwijl de beoordelaars hun eindoordeel sturen (en nog late samples) wordt de server met SIGKILL gestopt en op dezelfde datamap en poort opnieuw gestart.`,
      "",
      "| wat | uitkomst |",
      "|---|--:|",
      `| bevestigd vóór de kill | ${int(ackedBefore)} samples, ${finalsBefore} eindoordelen |`,
      `| server luistert weer na | ${ms(restartMs)} ms |`,
      `| clients uit zichzelf terug (opnieuw aangemeld) | ${rejoin.joined} van ${rejoin.people}${rejoin.all ? "" : " (niet allemaal!)"} |`,
      `| herverbinden (verbinding weg → weer aangemeld) p50 / p95 / max | ${ms(back.p50)} / ${ms(back.p95)} / ${ms(back.max)} ms |`,
      `| samples gemaakt / bevestigd / opgeslagen | ${int(counts.samplesMade)} / ${int(counts.samplesAcked)} / ${int(counts.samplesStored)} |`,
      `| momenten gemaakt / bevestigd / opgeslagen | ${int(counts.momentsMade)} / ${int(counts.momentsAcked)} / ${int(counts.momentsStored)} |`,
      `| eindoordelen gemaakt / bevestigd / opgeslagen | ${counts.finalsMade} / ${counts.finalsAcked} / ${counts.finalsStored} |`,
      `| dubbel opgeslagen | ${counts.duplicates} |`,
      `| **alles precies één keer** | **${intact ? "ja" : "nee"}** |`,
      "",
    ];
  } finally {
    await gen.close().catch(() => undefined);
    await server.kill().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface OfflineReport {
  participantId: string;
  madeOffline: number;
  momentsOffline: number;
  backMs: number;
  ackedAfterMs: number;
}

async function offline(appCwd: string, durations: number[]): Promise<string[]> {
  const dataDir = tempDir("ak-faults-data-");
  const server = await spawnApp({ cwd: appCwd, dataDir });
  const gen = new Generator();
  try {
    const specs = await createSessions(server.url, 1);
    await gen.call({ cmd: "setup", url: server.url, port: server.port, rooms: specs, ratersPerRoom: 10 + durations.length, momentRate: 1 / 20, proxied: durations.length, phases: ["briefing", "live"] } satisfies SetupCommand);
    await gen.call({ cmd: "start" });
    await sleep(5_000);
    log(`Offline: ${durations.map((d) => `${d} s`).join(", ")} (tegelijk, in een kamer die doorbeoordeelt)`);
    const reports = await Promise.all(durations.map((d, i) => gen.call<OfflineReport>({ cmd: "offline", proxy: i, ms: d * 1000 })));
    const stop = await gen.call<StopReport>({ cmd: "stop", drainMs: 30_000 });
    await gen.close();
    await server.stop();
    const stored = readStore(dataDir);
    const rows = durations.map((d, i) => {
      const report = reports[i];
      const rater = stop.raters.find((r) => r.participantId === report.participantId)!;
      const c = reconcile([rater], stored);
      const exact = c.problems.length === 0 && c.duplicates === 0;
      log(`  ${d} s offline: ${report.madeOffline} samples en ${report.momentsOffline} momenten offline gemaakt; terug na ${ms(report.backMs)} ms; ${exact ? "alles precies één keer" : c.problems.join("; ")}`);
      return `| ${d} s | ${int(report.madeOffline)} | ${report.momentsOffline} | ${ms(report.backMs)} ms | ${ms(report.ackedAfterMs)} ms | ${int(c.samplesMade)} / ${int(c.samplesStored)} | ${c.momentsMade} / ${c.momentsStored} | ${c.duplicates} | **${exact ? "ja" : "nee"}** |`;
    });
    const all = reconcile(stop.raters, stored);
    return [
      `### Offline tijdens het beoordelen`,
      "",
      `Een kamer van ${10 + durations.length} beoordelaars beoordeelt door; ${durations.length} van hen gaan tegelijk van het netwerk (hun verbindingen worden gereset en nieuwe geweigerd) en blijven intussen beoordelen en momenten markeren. De client herverbindt zelf (backoff 0,5–4 s zoals in de browser).`,
      "",
      "| offline | samples offline gemaakt | momenten offline | weer aangemeld na herstel | alles bevestigd na herstel | samples gemaakt / opgeslagen | momenten gemaakt / opgeslagen | dubbel | precies één keer |",
      "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
      ...rows,
      "",
      `De hele kamer: ${int(all.samplesMade)} samples gemaakt, ${int(all.samplesStored)} opgeslagen, ${all.duplicates} dubbel; ${all.problems.length ? `problemen: ${all.problems.join("; ")}` : "niets verloren"}.`,
      "",
    ];
  } finally {
    await gen.close().catch(() => undefined);
    await server.kill().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const started = performance.now();
  const machine = describeMachine(tmpdir(), REPO);
  const app = prepareApp(log);
  const out: string[] = [];
  try {
    out.push(...(await sigkill(app.cwd, Number(flags.rooms), Number(flags.raters))));
    const durations = String(flags.offline).split(",").map(Number).filter((x) => x > 0);
    if (durations.length) out.push(...(await offline(app.cwd, durations)));
  } finally {
    app.remove();
  }
  const text = [
    "# Foutproeven",
    "",
    "Gemaakt door `npm run bench:faults` (bench/faults.ts); uitleg: docs/decisions/007-benchmark.md.",
    "",
    `Meting van ${machine.date} (commit ${machine.commit}), ${Math.round((performance.now() - started) / 1000)} s. Machine: ${machine.nproc} cores, ${machine.cpuModel}, Node ${machine.node}; data op ${machine.dataFs}.`,
    "",
    ...out,
  ].join("\n");
  console.log(`\n${text}`);
  writeFileSync(path.resolve(REPO, String(flags.out)), text);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.stack ?? error);
    process.exit(1);
  },
);
