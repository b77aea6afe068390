// `npm run bench`: one small server under the load of a whole profession's evening, measured.
// Prints a table and writes bench/results.md and bench/results.json. Everything runs on 127.0.0.1,
// every loop is bounded, it stops by itself. Method and meaning: docs/decisions/007-benchmark.md.
//
//   npm run bench                       defaults: about 10 minutes on 2 cores
//   npm run bench -- --duration 60 --cap 10000 --step 100     bigger
//   npm run bench -- --only realtime,storm,results,pages,js   a part (js: JavaScript per route, no load)
//
// Flags (defaults in brackets):
//   --levels 10x30,50x20   fixed levels, rooms × raters per room
//   --step 50              then add this many rooms of --step-raters per step ...
//   --step-raters 20
//   --cap 6000             ... until p95 crosses --threshold, something is lost, or raters > cap
//   --threshold 100        p95 rater → host (ms)
//   --warmup 5 --duration 15   seconds per level, before and during measuring
//   --generators 0         load generator processes (0: 1 up to 1 000 raters, else 2)
//   --storm 1000 --storm-room 25 --storm-window 10
//   --results-raters 30 --results-minutes 60 --results-runs 5
//   --pages-connections 50 --pages-duration 10
//   --month-sessions 300 --month-raters 12 --month-minutes 20 --month-runs 3   start with a month of data
//   --only <sections>      realtime, storm, results, pages, js, startup (comma-separated)
//   --out bench/results    where results.md and results.json go
//   --profile <dir>        write a CPU profile of our server per level into <dir> (.cpuprofile)
//   --repeat 3             runs per live level (ours and the relay alternately); figures are medians
//   --pin auto             server/relay on core 1, load generators on core 0 (taskset); auto: when
//                          there are ≥ 2 cores and taskset; "no" to leave it to the scheduler
//   --skip-build           take build/ as it is instead of `npm run build` first
//   --server-args="<flags>"  extra node flags for our server in the live levels (e.g. to try a V8 flag)
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { hasTaskset, prepareApp, REPO } from "./lib/children";
import { describeMachine } from "./lib/machine";
import { type BenchResults, type Headline, type LevelPair, markdown } from "./lib/report";
import { ms } from "./lib/stats";
import { routeJavaScript, runPages } from "./sections/pages";
import { type Level, type LevelResult, medianOfRuns, runLevel } from "./sections/realtime";
import { runResults } from "./sections/results";
import { runStartup } from "./sections/startup";
import { runStorm } from "./sections/storm";

const { values: flags } = parseArgs({
  options: {
    levels: { type: "string", default: "10x30,50x20" },
    step: { type: "string", default: "50" },
    "step-raters": { type: "string", default: "20" },
    cap: { type: "string", default: "6000" },
    threshold: { type: "string", default: "100" },
    warmup: { type: "string", default: "5" },
    duration: { type: "string", default: "15" },
    generators: { type: "string", default: "0" },
    "moment-rate": { type: "string", default: String(1 / 30) },
    storm: { type: "string", default: "1000" },
    "storm-room": { type: "string", default: "25" },
    "storm-window": { type: "string", default: "10" },
    "results-raters": { type: "string", default: "30" },
    "results-minutes": { type: "string", default: "60" },
    "results-runs": { type: "string", default: "5" },
    "pages-connections": { type: "string", default: "50" },
    "pages-duration": { type: "string", default: "10" },
    "month-sessions": { type: "string", default: "300" },
    "month-raters": { type: "string", default: "12" },
    "month-minutes": { type: "string", default: "20" },
    "month-runs": { type: "string", default: "3" },
    only: { type: "string", default: "realtime,storm,results,pages,js,startup" },
    profile: { type: "string" },
    repeat: { type: "string", default: "3" },
    pin: { type: "string", default: "auto" },
    "skip-build": { type: "boolean", default: false },
    "server-args": { type: "string", default: "" },
    out: { type: "string", default: "bench/results" },
  },
});

const num = (name: keyof typeof flags) => {
  const x = Number(flags[name]);
  if (!Number.isFinite(x) || x < 0) throw new Error(`--${name}: geen geldig getal (${flags[name]})`);
  return x;
};
const sections = new Set(String(flags.only).split(","));
const log = (line: string) => console.log(line);
const levelName = (l: { rooms: number; perRoom: number }) => `${l.rooms} × ${l.perRoom}`;

async function main() {
  const started = performance.now();
  const machine = describeMachine(tmpdir(), REPO);
  log(`Alliantiekompas bench — ${machine.nproc} cores, ${machine.cpuModel}, Node ${machine.node}, load ${machine.loadAverageAtStart}`);
  if (Number(machine.loadAverageAtStart.split(" ")[0]) > machine.nproc / 2) {
    log(`Let op: de machine is al bezig (load ${machine.loadAverageAtStart}); de getallen worden daar slechter van.`);
  }
  if (machine.dataFs.startsWith("tmpfs")) log(`Let op: ${tmpdir()} is tmpfs; fsync kost daar niets. Zet TMPDIR op een echte schijf.`);
  const settings = {
    levels: flags.levels,
    step: num("step"),
    stepRaters: num("step-raters"),
    cap: num("cap"),
    thresholdMs: num("threshold"),
    warmupSeconds: num("warmup"),
    measureSeconds: num("duration"),
    generators: num("generators"),
    momentRate: num("moment-rate"),
    storm: num("storm"),
    stormRoom: num("storm-room"),
    stormWindow: num("storm-window"),
    resultsRaters: num("results-raters"),
    resultsMinutes: num("results-minutes"),
    resultsRuns: num("results-runs"),
    pagesConnections: num("pages-connections"),
    pagesSeconds: num("pages-duration"),
    repeat: Math.max(1, Math.round(num("repeat"))),
    pinned: flags.pin !== "no" && machine.nproc >= 2 && hasTaskset(),
    month: { sessions: num("month-sessions"), raters: num("month-raters"), minutes: num("month-minutes") },
    monthRuns: num("month-runs"),
  };
  if (flags.pin === "yes" && !settings.pinned) throw new Error("--pin yes: taskset ontbreekt of er is maar één core");
  const app = prepareApp(log, { build: !flags["skip-build"] });
  const results: BenchResults = { machine, settings, headline: null, realtime: [], storm: null, results: null, pages: null, routes: null, startup: null, seconds: 0 };
  try {
    if (sections.has("realtime")) {
      const fixed: Level[] = String(flags.levels)
        .split(",")
        .filter(Boolean)
        .map((l) => {
          const [rooms, perRoom] = l.split("x").map(Number);
          if (!(rooms > 0 && perRoom > 0 && perRoom <= 80)) throw new Error(`--levels: "${l}" is geen kamers x beoordelaars (hoogstens 80 per kamer)`);
          return { rooms, perRoom };
        });
      const realtimeOptions = { appCwd: app.cwd, warmupSeconds: settings.warmupSeconds, measureSeconds: settings.measureSeconds, generators: settings.generators, momentRate: settings.momentRate, log,
        serverNodeArgs: [...String(flags["server-args"]).split(" ").filter(Boolean), ...(flags.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(flags.profile)}`] : [])],
        cores: settings.pinned ? { server: 1, load: 0 } : undefined };
      const passes = (l: LevelResult) => l.latency.p95 < settings.thresholdMs && l.intact;
      let crossed = false;
      const run = async (l: Level) => {
        log(`\nLive: ${levelName(l)} = ${l.rooms * l.perRoom} beoordelaars${settings.repeat > 1 ? `, ${settings.repeat} runs` : ""}`);
        const oursRuns: LevelResult[] = [];
        const relayRuns: LevelResult[] = [];
        for (let k = 0; k < settings.repeat; k++) {
          const o = await runLevel("ours", l, realtimeOptions);
          log(`  wij:   p50 ${ms(o.latency.p50)}  p95 ${ms(o.latency.p95)}  p99 ${ms(o.latency.p99)}  ack p99 ${ms(o.ack.p99)} ms, CPU ${Math.round(o.cpuPercent)} %, ${o.intact ? "niets verloren" : `NIET INTACT ${JSON.stringify(o.counts.problems.slice(0, 3))} ${JSON.stringify(o.errors)}`}`);
          const r = await runLevel("relay", l, realtimeOptions);
          log(`  relay: p50 ${ms(r.latency.p50)}  p95 ${ms(r.latency.p95)}  p99 ${ms(r.latency.p99)} ms, CPU ${Math.round(r.cpuPercent)} %`);
          oursRuns.push(o);
          relayRuns.push(r);
        }
        const ours = medianOfRuns(oursRuns);
        const relay = medianOfRuns(relayRuns);
        if (settings.repeat > 1) log(`  mediaan: wij p95 ${ms(ours.latency.p95)} ms, ack p99 ${ms(ours.ack.p99)} ms, CPU per 1 000 beoordelaars ${Math.round(ours.cpuPer1000)} % (relay ${Math.round(relay.cpuPer1000)} %): ${(ours.cpuPer1000 / relay.cpuPer1000).toFixed(1)}×`);
        const pair: LevelPair = { ours, relay };
        results.realtime.push(pair);
        if (!passes(ours)) crossed = true;
        return pair;
      };
      for (const l of fixed) await run(l);
      let last = fixed.at(-1) ?? { rooms: 0, perRoom: settings.stepRaters };
      while (!crossed && settings.step > 0) {
        const l = { rooms: (last.perRoom === settings.stepRaters ? last.rooms : Math.round((last.rooms * last.perRoom) / settings.stepRaters)) + settings.step, perRoom: settings.stepRaters };
        if (l.rooms * l.perRoom > settings.cap) break;
        await run(l);
        last = l;
      }
      const passing = results.realtime.filter((p) => passes(p.ours));
      const best = passing.sort((a, b) => b.ours.raters - a.ours.raters)[0];
      const quoted = results.realtime.find((p) => p.ours.raters === 1000) ?? results.realtime[0];
      if (quoted?.relay) {
        const h: Headline = {
          ratioLevel: `${levelName(quoted.ours)} (${quoted.ours.raters} beoordelaars)`,
          ratio: quoted.ours.latency.p95 / quoted.relay.latency.p95,
          oursP95: quoted.ours.latency.p95,
          relayP95: quoted.relay.latency.p95,
          oursCpuPer1000: quoted.ours.cpuPer1000,
          relayCpuPer1000: quoted.relay.cpuPer1000,
          capacityRaters: best ? best.ours.raters : null,
          capacityLevel: best ? levelName(best.ours) : null,
          capacityAtLeast: !crossed,
          thresholdMs: settings.thresholdMs,
        };
        results.headline = h;
      }
    }

    if (sections.has("storm") && settings.storm > 0) {
      log(`\nAanmeldstorm: ${settings.storm} deelnemers binnen ${settings.stormWindow} s`);
      results.storm = await runStorm({ appCwd: app.cwd, people: settings.storm, perRoom: settings.stormRoom, windowSeconds: settings.stormWindow });
      log(`  allemaal binnen na ${(results.storm.allInMs / 1000).toFixed(1)} s, p95 ${ms(results.storm.join.p95)} ms, fouten ${JSON.stringify(results.storm.errors)}`);
    }

    if (sections.has("results")) {
      log(`\nResultaten berekenen: ${settings.resultsRaters} beoordelaars × ${settings.resultsMinutes} min × 10 Hz`);
      results.results = await runResults({ raters: settings.resultsRaters, minutes: settings.resultsMinutes, runs: settings.resultsRuns, log });
    }

    if (sections.has("pages")) {
      log(`\nPagina's: ${settings.pagesConnections} verbindingen, ${settings.pagesSeconds} s per meting`);
      results.pages = await runPages({
        appCwd: app.cwd,
        connections: settings.pagesConnections,
        seconds: settings.pagesSeconds,
        pages: [
          { name: "module", path: "/modules/vertrouwen" },
          { name: "casus", path: "/casussen/bezwaar-fml" },
        ],
      });
    }
    if (sections.has("startup")) {
      log(`\nStarten met een maand aan gegevens`);
      results.startup = await runStartup({ appCwd: app.cwd, shape: settings.month, runs: Math.max(1, settings.monthRuns), log });
    }
    if (sections.has("js") || sections.has("pages")) {
      // Read from the build the app under test runs (no load): the rater's pages against their budget.
      results.routes = await routeJavaScript(path.join(app.cwd, "build"));
    }
  } finally {
    app.remove();
  }
  results.seconds = (performance.now() - started) / 1000;
  const md = markdown(results);
  console.log(`\n${md}`);
  const out = path.resolve(REPO, String(flags.out));
  writeFileSync(`${out}.md`, `# Benchmark\n\nGemaakt door \`npm run bench\` (bench/run.ts); uitleg: docs/decisions/007-benchmark.md.\n\n${md}`);
  writeFileSync(`${out}.json`, `${JSON.stringify(results, null, 1)}\n`);
  log(`\nGeschreven: ${path.relative(REPO, `${out}.md`)}, ${path.relative(REPO, `${out}.json`)} (${Math.round(results.seconds)} s)`);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.stack ?? error);
    process.exit(1);
  },
);
