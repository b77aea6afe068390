// What a first visit to each page route downloads in JavaScript, from the Remix browser manifest in
// build/client: used by `npm run bench` (pages section) and by tests/integration/bundle-size.test.ts.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

/** What the rater's pages (/doe-mee, /sessie/:code) may load on a first visit: JavaScript, gzip. */
export const RATER_JS_BUDGET = 120 * 1024;
export const RATER_ROUTES = ["doe-mee", "sessie.$code"];

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
