// Reads a V8 CPU profile (node --cpu-prof, e.g. `npm run bench -- --only realtime --profile DIR`)
// and prints where the time went: the top functions by self time, by total time (self + callees,
// a recursive function counted once), and self time per package / area.
//   npx tsx bench/profile-summary.ts DIR/CPU.*.cpuprofile [--top 30] [--from S --to S] [--timeline]
// --from/--to: only the samples in that stretch (seconds since the profile began), e.g. the bench's
// measuring window without the start and the joins; --timeline prints how busy each second was.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: "string", default: "30" }, from: { type: "string", default: "0" }, to: { type: "string", default: "1e9" }, timeline: { type: "boolean", default: false } } });
const top = Number(values.top);

/** Where a function lives: a package, node's own code, our code, or V8's (GC, idle, program). */
function area(url: string, name: string): string {
  if (!url) return `(${name || "anonymous"})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith("node:")) return url;
  return url.includes("/build/") ? "eigen code (build)" : url;
}

for (const file of positionals) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Self time per node from the samples and their time deltas (µs).
  const self = new Map<number, number>();
  const from = Number(values.from) * 1e6;
  const to = Number(values.to) * 1e6;
  const idleIds = new Set(profile.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id));
  const perSecond: { busy: number; all: number }[] = [];
  let at = 0;
  let totalUs = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    at += dt;
    const second = (perSecond[Math.floor(at / 1e6)] ??= { busy: 0, all: 0 });
    second.all += dt;
    if (!idleIds.has(id)) second.busy += dt;
    if (at < from || at > to) return;
    self.set(id, (self.get(id) ?? 0) + dt);
    totalUs += dt;
  });
  if (values.timeline) console.log(`busy per second: ${perSecond.map((x, i) => `${i}:${Math.round((100 * x.busy) / (x.all || 1))}`).join(" ")}`);
  const key = (n: ProfileNode) => {
    const f = n.callFrame;
    const where = f.url ? `${f.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/build\//, "build/")}:${f.lineNumber + 1}` : "";
    return `${f.functionName || "(anonymous)"} ${where}`.trim();
  };
  const selfBy = new Map<string, number>();
  const totalBy = new Map<string, number>();
  const areaBy = new Map<string, number>();
  // Depth-first from the root: a node's total is its self time plus its subtree's.
  const subtree = new Map<number, number>();
  const order: number[] = [];
  const stack = [profile.nodes[0].id];
  while (stack.length) {
    const id = stack.pop()!;
    order.push(id);
    for (const c of byId.get(id)!.children ?? []) stack.push(c);
  }
  for (const id of order.reverse()) {
    const n = byId.get(id)!;
    subtree.set(id, (self.get(id) ?? 0) + (n.children ?? []).reduce((a, c) => a + (subtree.get(c) ?? 0), 0));
  }
  const walk = (id: number, open: Set<string>) => {
    const n = byId.get(id)!;
    const k = key(n);
    const s = self.get(id) ?? 0;
    selfBy.set(k, (selfBy.get(k) ?? 0) + s);
    const a = area(n.callFrame.url, n.callFrame.functionName);
    areaBy.set(a, (areaBy.get(a) ?? 0) + s);
    const fresh = !open.has(k);
    if (fresh) {
      totalBy.set(k, (totalBy.get(k) ?? 0) + subtree.get(id)!);
      open.add(k);
    }
    for (const c of n.children ?? []) walk(c, open);
    if (fresh) open.delete(k);
  };
  walk(profile.nodes[0].id, new Set());
  const pct = (us: number) => `${((100 * us) / totalUs).toFixed(1).padStart(5)} %`;
  const list = (title: string, m: Map<string, number>, n: number) => {
    console.log(`\n${title}`);
    for (const [k, us] of [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`  ${pct(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
  };
  const idle = selfBy.get("(idle)") ?? 0;
  console.log(`${file}: ${(totalUs / 1e6).toFixed(1)} s profiled, ${pct(totalUs - idle)} busy`);
  list("Self time per area", areaBy, 20);
  list("Self time per function", selfBy, top);
  list("Total time (self + callees) per function", totalBy, top);
}
