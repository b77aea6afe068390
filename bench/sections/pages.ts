// Pages: requests per second for a module page and a vignette page under 50 concurrent
// connections (autocannon, in its own process), beside the same server answering a static file of
// the same size (that page's own HTML, saved into the server's copy of build/client), as a ratio.
// And the JavaScript each route ships, gzipped, from the Remix browser manifest in build/client.
import { execFile } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO, spawnApp, tempDir } from "../lib/children";
import { cpuPercent, sampleProc } from "../lib/proc";

export interface CannonResult {
  url: string;
  bytes: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  cpuPercent: number;
}

export interface PageResult {
  name: string;
  page: CannonResult;
  static: CannonResult;
  /** page rps / static rps */
  ratio: number;
}

export type { RouteJs } from "../lib/route-js";

interface CannonJson {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}

function cannon(url: string, connections: number, seconds: number): Promise<CannonJson> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(REPO, "node_modules/autocannon/autocannon.js"), "-c", String(connections), "-d", String(seconds), "-H", "accept-encoding=gzip", "-j", url],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout) as CannonJson)),
    );
  });
}

async function measure(url: string, bytes: number, pid: number, o: { connections: number; seconds: number }): Promise<CannonResult> {
  await cannon(url, o.connections, 2); // warm-up
  const a = sampleProc(pid);
  const r = await cannon(url, o.connections, o.seconds);
  const b = sampleProc(pid);
  return { url, bytes, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors, cpuPercent: cpuPercent(a, b) };
}

export async function runPages(o: { appCwd: string; connections: number; seconds: number; pages: { name: string; path: string }[] }): Promise<PageResult[]> {
  const dataDir = tempDir("ak-bench-data-");
  const server = await spawnApp({ cwd: o.appCwd, dataDir });
  const written: string[] = [];
  try {
    const results: PageResult[] = [];
    for (const p of o.pages) {
      const res = await fetch(`${server.url}${p.path}`);
      if (res.status !== 200) throw new Error(`${p.path}: ${res.status}`);
      const html = Buffer.from(await res.arrayBuffer());
      // The page's own bytes as a static file: same size, same compressibility.
      const name = `bench-static-${p.name.replace(/\W+/g, "-")}.html`;
      const file = path.join(o.appCwd, "build/client", name);
      writeFileSync(file, html);
      written.push(file);
      const page = await measure(`${server.url}${p.path}`, html.length, server.pid, o);
      const stat = await measure(`${server.url}/${name}`, html.length, server.pid, o);
      results.push({ name: p.name, page, static: stat, ratio: page.rps / stat.rps });
    }
    return results;
  } finally {
    for (const f of written) rmSync(f, { force: true });
    await server.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export { RATER_JS_BUDGET, RATER_ROUTES, routeJavaScript } from "../lib/route-js";
