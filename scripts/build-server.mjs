// Compiles the Node server (server/start.ts and everything it imports, app/*.server.ts included)
// into build/node/, to run with plain `node` (npm start, npm run serve, deploy/alliantiekompas.service).
// npm packages stay imports (resolved from node_modules at run time), so whatever the compiled
// server imports must be in package.json's dependencies: tests/integration/runtime.test.ts checks.
import { rmSync } from "node:fs";
import { build } from "esbuild";

const outdir = "build/node";
rmSync(outdir, { recursive: true, force: true });
await build({
  // The reveal's worker thread is an entry of its own: server/realtime/results-compute.ts starts
  // build/node/results-worker.js, beside the chunk it is bundled into.
  entryPoints: { start: "server/start.ts", ops: "server/ops.ts", "results-worker": "server/realtime/results-worker.ts" },
  outdir,
  bundle: true,
  // start.ts sets NODE_ENV, then imports the server: a chunk of its own, so that no package is
  // loaded before that line.
  splitting: true,
  chunkNames: "server-[hash]",
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
