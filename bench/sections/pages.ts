// Pages: requests per second for a module page and a vignette page under 50 concurrent
// connections (autocannon, in its own process), beside the same server answering a static file of
// the same size (that page's own HTML, saved into the server's copy of build/client), as a ratio.
// And the JavaScript each route ships, gzipped, from the Remix browser manifest in build/client.
import { execFile } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
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

export interface RouteJs {
  route: string;
  path: string;
  /** entry + root + this route's chunks and their imports, each file once, gzip (bytes) */
  gzipBytes: number;
  rawBytes: number;
  files: number;
  /** what this route adds to entry + root (gzip) */
  ownGzipBytes: number;
}

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

interface RemixManifest {
  entry: { module: string; imports?: string[] };
  routes: Record<string, { id: string; parentId?: string; path?: string; index?: boolean; module: string; imports?: string[] }>;
}

/**
 * Per page route: what a first visit downloads in JavaScript (gzip, as our compression middleware
 * sends it). Resource routes (CSV, JSON, exports: no component) ship none and are left out.
 */
export async function routeJavaScript(buildDir: string): Promise<RouteJs[]> {
  const clientDir = path.join(buildDir, "client");
  const server = (await import(pathToFileURL(path.join(buildDir, "server/index.js")).href)) as { routes: Record<string, { module: { default?: unknown } }> };
  const assets = path.join(clientDir, "assets");
  const manifestFile = readdirSync(assets).find((f) => /^manifest-[\w-]+\.js$/.test(f));
  if (!manifestFile) throw new Error(`geen Remix-manifest in ${assets}`);
  const text = readFileSync(path.join(assets, manifestFile), "utf8");
  const manifest = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as RemixManifest;
  const sizes = new Map<string, { raw: number; gzip: number }>();
  const size = (url: string) => {
    let s = sizes.get(url);
    if (!s) {
      const body = readFileSync(path.join(clientDir, url));
      s = { raw: body.length, gzip: gzipSync(body).length };
      sizes.set(url, s);
    }
    return s;
  };
  const chain = (id: string): string[] => {
    const route = manifest.routes[id];
    return route ? [...(route.parentId ? chain(route.parentId) : []), route.module, ...(route.imports ?? [])] : [];
  };
  const fullPath = (id: string): string => {
    const route = manifest.routes[id];
    if (!route) return "";
    const parent = route.parentId ? fullPath(route.parentId) : "";
    return route.path ? `${parent.replace(/\/$/, "")}/${route.path}` : parent || "/";
  };
  const base = new Set([manifest.entry.module, ...(manifest.entry.imports ?? []), ...chain("root")]);
  const total = (files: Set<string>) => [...files].reduce((n, f) => ({ raw: n.raw + size(f).raw, gzip: n.gzip + size(f).gzip }), { raw: 0, gzip: 0 });
  const baseGzip = total(base).gzip;
  return Object.values(manifest.routes)
    .filter((r) => r.id !== "root" && server.routes[r.id]?.module.default !== undefined)
    .map((r) => {
      const files = new Set([...base, ...chain(r.id)]);
      const t = total(files);
      return { route: r.id.replace(/^routes\//, ""), path: fullPath(r.id), gzipBytes: t.gzip, rawBytes: t.raw, files: files.size, ownGzipBytes: t.gzip - baseGzip };
    })
    .sort((a, b) => a.route.localeCompare(b.route));
}
