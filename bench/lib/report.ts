// The tables of a bench run, in Markdown: printed, written to bench/results.md, and pasted into the
// README's "Prestaties" section.
import type { PageResult, RouteJs } from "../sections/pages";
import { RATER_JS_BUDGET, RATER_ROUTES } from "./route-js";
import type { LevelResult } from "../sections/realtime";
import type { ResultsBench } from "../sections/results";
import { type StartupBench, startupMarkdown } from "../sections/startup";
import type { StormResult } from "../sections/storm";
import type { Machine } from "./machine";
import { int, kb, ms } from "./stats";

export interface LevelPair {
  ours: LevelResult;
  relay: LevelResult | null;
}

export interface Headline {
  /** The level the ratio is quoted at. */
  ratioLevel: string;
  ratio: number;
  oursP95: number;
  relayP95: number;
  /** Server CPU (% of one core) per 1 000 raters at that level, ours and the relay's. */
  oursCpuPer1000: number;
  relayCpuPer1000: number;
  /** Largest load with p95 < threshold and nothing lost. */
  capacityRaters: number | null;
  capacityLevel: string | null;
  /** The cap was reached without crossing the threshold: capacity is at least this. */
  capacityAtLeast: boolean;
  thresholdMs: number;
}

export interface BenchResults {
  machine: Machine;
  settings: Record<string, unknown>;
  headline: Headline | null;
  realtime: LevelPair[];
  storm: StormResult | null;
  results: ResultsBench | null;
  pages: PageResult[] | null;
  routes: RouteJs[] | null;
  startup: StartupBench | null;
  seconds: number;
}

const level = (l: LevelResult) => `${l.rooms} × ${l.perRoom}`;
const pct = (x: number) => (Number.isFinite(x) ? `${Math.round(x)} %` : "–");
const times = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)}×` : "–");
const errs = (e: Record<string, number>) =>
  Object.entries(e)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ") || "0";

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(" | ")} |`, `|${head.map((h, i) => (i === 0 ? "---" : "--:")).join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

export function headlineText(h: Headline): string[] {
  const cap = h.capacityRaters === null ? "geen: al het eerste niveau haalde het niet" : `${h.capacityAtLeast ? "minstens " : ""}${int(h.capacityRaters)} beoordelaars tegelijk (${h.capacityLevel})`;
  return [
    `- **Verhouding tot een kale Socket.IO-relay**: p95 rater → host ${ms(h.oursP95)} ms tegen ${ms(h.relayP95)} ms bij ${h.ratioLevel}: **${times(h.ratio)}**.`,
    `- **CPU per 1 000 beoordelaars** bij ${h.ratioLevel}: server ${pct(h.oursCpuPer1000)} van een core tegen ${pct(h.relayCpuPer1000)} voor de relay: **${times(h.oursCpuPer1000 / h.relayCpuPer1000)}**.`,
    `- **Geteste capaciteit** (p95 < ${h.thresholdMs} ms, niets verloren): **${cap}**.`,
  ];
}

export function markdown(r: BenchResults): string {
  const m = r.machine;
  const out: string[] = [];
  out.push(`Meting van ${m.date} (commit ${m.commit}), ${Math.round(r.seconds)} s.`);
  out.push("");
  out.push(`Machine: ${m.nproc} cores (\`nproc\`), ${m.cpuModel}, ${m.memoryGb} GB, Node ${m.node}, ${m.platform}; data op ${m.dataFs}; load average bij de start ${m.loadAverageAtStart}.`);
  out.push("");
  if (r.headline) out.push(...headlineText(r.headline), "");

  if (r.realtime.length) {
    out.push("### Live beoordelen");
    out.push("");
    out.push(
      `Kamers × beoordelaars; elke beoordelaar stuurt per seconde een batch van 10 samples (10 Hz), af en toe een moment; één host per kamer. Latentie = van de emit van de beoordelaar tot de host de \`rating:progress\` heeft die de batch telt (ms), gemeten over ${r.settings.measureSeconds} s na ${r.settings.warmupSeconds} s opwarmen.`,
    );
    out.push("");
    out.push(
      table(
        ["belasting", "beoordelaars", "p50", "p95", "p99", "max", "relay p50", "relay p95", "p95 wij / relay", "ack p50", "ack p95", "ack p99"],
        r.realtime.map(({ ours, relay }) => [
          level(ours),
          int(ours.raters),
          ms(ours.latency.p50),
          ms(ours.latency.p95),
          ms(ours.latency.p99),
          ms(ours.latency.max),
          relay ? ms(relay.latency.p50) : "–",
          relay ? ms(relay.latency.p95) : "–",
          relay ? times(ours.latency.p95 / relay.latency.p95) : "–",
          ms(ours.ack.p50),
          ms(ours.ack.p95),
          ms(ours.ack.p99),
        ]),
      ),
    );
    out.push("");
    out.push(
      table(
        ["belasting", "batches/s", "samples verstuurd / bevestigd / opgeslagen", "momenten", "weigeringen", "niets verloren", "server-CPU", "server-CPU per 1 000 beoordelaars", "relay-CPU per 1 000 beoordelaars", "CPU wij / relay", "RSS per beoordelaar", "event loop p99", "flush p95 (aantal)", "relay-CPU", "generator-CPU"],
        r.realtime.map(({ ours, relay }) => [
          level(ours),
          int(ours.batchesPerSecond),
          `${int(ours.counts.samplesSent)} / ${int(ours.counts.samplesAcked)} / ${int(ours.counts.samplesStored)}`,
          `${int(ours.counts.momentsMade)} / ${int(ours.counts.momentsAcked)} / ${int(ours.counts.momentsStored)}`,
          `${errs(ours.errors)}${ours.timeouts ? `, time-outs ${ours.timeouts}` : ""}`,
          ours.intact ? "ja" : `**nee**${ours.counts.problems.length ? ` (${ours.counts.problems.length} beoordelaars)` : ""}`,
          pct(ours.cpuPercent),
          pct(ours.cpuPer1000),
          relay ? pct(relay.cpuPer1000) : "–",
          relay ? times(ours.cpuPer1000 / relay.cpuPer1000) : "–",
          `${kb(ours.rssPerRaterBytes)}${relay ? ` (relay ${kb(relay.rssPerRaterBytes)})` : ""}`,
          `${ms(ours.server.eventLoopDelayMs.p99)} ms`,
          `${ms(ours.server.logFlush.p95Ms)} ms (${int(ours.server.logFlush.count)})`,
          relay ? pct(relay.cpuPercent) : "–",
          ours.generatorCpuPercent.map(pct).join(" + "),
        ]),
      ),
    );
    out.push("");
    out.push(
      `CPU in % van één core (user + system uit \`/proc/<pid>/stat\`, over het meetvenster); per 1 000 beoordelaars = dat gedeeld door beoordelaars / 1 000. ${r.settings.pinned ? "Server (of relay) op core 1, belastinggeneratoren op core 0 (`taskset`). " : ""}${Number(r.settings.repeat) > 1 ? `Elk getal is de mediaan van ${r.settings.repeat} runs (wij en de relay om en om); "niets verloren" alleen als het in elke run zo was, de aantallen zijn opgeteld. ` : ""}RSS per beoordelaar = (RSS onder belasting − RSS na het aanmaken van de sessies, elk de mediaan van een meting per seconde) / beoordelaars; event loop p99 en flush p95 (een groepscommit van het journaal: de synchrone schrijfactie voor alle kamers samen plus het schrijven in de logboeken, decision 029) meldt de server zelf op SIGUSR2. Verstuurd / bevestigd / opgeslagen tellen na afloop, als elke telefoon zijn outbox heeft geleegd; opgeslagen is teruggelezen uit de datamap.`,
    );
    out.push("");
  }

  if (r.storm) {
    const s = r.storm;
    out.push("### Aanmeldstorm");
    out.push("");
    out.push(
      table(
        ["deelnemers", "kamers", "gepland binnen", "allemaal binnen na", "aangemeld", "aanmelden p50", "p95", "p99", "max", "fouten", "server-CPU", "event loop p99"],
        [[int(s.people), int(s.rooms), `${s.windowSeconds} s`, `${(s.allInMs / 1000).toFixed(1)} s`, int(s.joined), `${ms(s.join.p50)} ms`, `${ms(s.join.p95)} ms`, `${ms(s.join.p99)} ms`, `${ms(s.join.max)} ms`, errs(s.errors), pct(s.cpuPercent), `${ms(s.server.eventLoopDelayMs.p99)} ms`]],
      ),
    );
    out.push("");
    out.push("Aanmelden = verbinden (WebSocket) + `session:join` tot het antwoord; elke kamer komt van een eigen adres (een OT-groep achter een eigen router).");
    out.push("");
  }

  if (r.results) {
    const x = r.results;
    out.push("### Resultaten berekenen (onthulling)");
    out.push("");
    out.push(
      table(
        ["sessie", "samples", "computeResults (mediaan)", "groei"],
        [
          [`${x.base.raters} beoordelaars × ${x.base.minutes} min × 10 Hz`, int(x.base.samples), `${ms(x.base.ms)} ms`, "1×"],
          [`${x.doubleRaters.raters} beoordelaars × ${x.doubleRaters.minutes} min`, int(x.doubleRaters.samples), `${ms(x.doubleRaters.ms)} ms`, times(x.ratioRaters)],
          [`${x.doubleMinutes.raters} beoordelaars × ${x.doubleMinutes.minutes} min`, int(x.doubleMinutes.samples), `${ms(x.doubleMinutes.ms)} ms`, times(x.ratioMinutes)],
        ],
      ),
    );
    out.push("");
    out.push(
      `De hele onthulling van de eerste sessie zoals de server hem doet: het log (${(x.fromDisk.logBytes / 1024 / 1024).toFixed(0)} MB) teruglezen en valideren ${ms(x.fromDisk.readMs)} ms, dan berekenen ${ms(x.fromDisk.computeMs)} ms.`,
    );
    out.push("");
  }

  if (r.startup) out.push(...startupMarkdown(r.startup));

  if (r.pages?.length) {
    out.push("### Pagina's");
    out.push("");
    out.push(
      table(
        ["pagina", "HTML", "verzoeken/s", "p50", "p99", "zelfde grootte statisch: verzoeken/s", "verhouding", "niet-2xx"],
        r.pages.map((p) => [
          `${p.name} (\`${new URL(p.page.url).pathname}\`)`,
          kb(p.page.bytes),
          int(p.page.rps),
          `${ms(p.page.p50)} ms`,
          `${ms(p.page.p99)} ms`,
          int(p.static.rps),
          `${(p.ratio * 100).toFixed(0)} %`,
          String(p.page.non2xx + p.static.non2xx),
        ]),
      ),
    );
    out.push("");
    out.push(`${r.settings.pagesConnections} gelijktijdige verbindingen, ${r.settings.pagesSeconds} s per meting (autocannon, eigen proces, \`accept-encoding: gzip\`); het statische bestand is de HTML van dezelfde pagina, door dezelfde server uit build/client geserveerd.`);
    out.push("");
  }

  if (r.routes?.length) {
    out.push("### JavaScript per route (gzip)");
    out.push("");
    const rater = r.routes.filter((x) => RATER_ROUTES.includes(x.route));
    const over = rater.filter((x) => x.gzipBytes > RATER_JS_BUDGET);
    out.push(
      `**Beoordelaarspagina's** (eerste bezoek op een telefoon): ${rater.map((x) => `\`${x.path}\` ${kb(x.gzipBytes)}`).join(", ")}; grens ${kb(RATER_JS_BUDGET)}: ${over.length ? "**erboven**" : "binnen de grens"}.`,
    );
    out.push("");
    out.push(
      table(
        ["route", "pad", "bij eerste bezoek (gzip)", "ongecomprimeerd", "bestanden", "eigen deel (gzip)"],
        r.routes.map((x) => [x.route, `\`${x.path}\``, kb(x.gzipBytes), kb(x.rawBytes), String(x.files), kb(x.ownGzipBytes)]),
      ),
    );
    out.push("");
    out.push("Uit het Remix-manifest in build/client: entry + root + de route met haar imports, elk bestand één keer, gzip zoals onze compressie het stuurt. Eigen deel = wat de route toevoegt aan entry + root.");
    out.push("");
  }
  return out.join("\n");
}
