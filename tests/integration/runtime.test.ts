// The server as an operator runs it: `npm start` (build, then plain node) and `npm run serve`
// (start only), each stopped the way a terminal stops it (Ctrl+C: SIGINT to the whole foreground
// process group) or a service manager does (SIGTERM to the group); unknown URLs in its log; and what
// the compiled server needs at run time (only `dependencies`, so `npm ci --omit=dev` is enough).
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { builtinModules } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { freePort, tempDataDir } from "../support/server";

const REPO = path.resolve(__dirname, "../..");

/**
 * The project in a temp folder (node_modules linked): `npm start` builds, and a build in the
 * repository itself would pull build/ from under the other tests' servers.
 */
function projectCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "ak-runtime-"));
  for (const entry of ["app", "content", "public", "server", "scripts", "package.json", "remix.config.js", "vite.config.ts", "tsconfig.json"]) {
    cpSync(path.join(REPO, entry), path.join(dir, entry), { recursive: true });
  }
  symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

/** The living processes of a process group, from /proc: pid and command line. */
function groupMembers(pgid: number): { pid: number; cmd: string }[] {
  const members: { pid: number; cmd: string }[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // After "pid (comm) ": state, ppid, pgrp, …
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(pgrp) !== pgid || state === "Z") continue;
      members.push({ pid: Number(name), cmd: readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0").join(" ").trim() });
    } catch {
      // The process ended while we looked.
    }
  }
  return members;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

interface NpmRun {
  child: ChildProcess;
  port: number;
  output: () => string;
}

const started: NpmRun[] = [];
const folders: string[] = [];

afterAll(() => {
  // A failed test must not leave a server behind: end whatever is left of each group we started.
  for (const { child } of started) {
    if (groupMembers(child.pid!).length) process.kill(-child.pid!, "SIGKILL");
  }
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** `npm <args>` in its own process group, as a terminal starts it; resolves once /healthz answers. */
async function npmRun(args: string[], cwd: string): Promise<NpmRun> {
  const port = await freePort();
  const dataDir = tempDataDir("ak-runtime-data-");
  folders.push(dataDir);
  const env = { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir };
  let output = "";
  // As from a terminal: vitest's NODE_ENV=test must not reach the server (`env` execs npm: same pid).
  const child = spawn("env", ["-u", "NODE_ENV", "npm", ...args], { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const run: NpmRun = { child, port, output: () => output };
  started.push(run);
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await vi.waitFor(
    async () => {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`npm ${args.join(" ")} stopte:\n${output}`);
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(res.status).toBe(200);
    },
    { timeout: 240_000, interval: 250 },
  );
  return run;
}

/** Signals the whole group, as the terminal does, and waits until nothing of it is left. */
async function stopGroup(run: NpmRun, signal: "SIGINT" | "SIGTERM"): Promise<void> {
  const pgid = run.child.pid!;
  process.kill(-pgid, signal);
  await vi.waitFor(
    async () => {
      expect(groupMembers(pgid), run.output()).toEqual([]);
      expect(await portIsFree(run.port)).toBe(true);
    },
    { timeout: 20_000, interval: 100 },
  );
}

describe("npm start and npm run serve", () => {
  const project = projectCopy();
  folders.push(project);

  it("npm start builds, runs the server with plain node, and Ctrl+C stops every process and frees the port", async () => {
    const run = await npmRun(["start"], project);
    expect(existsSync(path.join(project, "build/node/start.js"))).toBe(true);
    const members = groupMembers(run.child.pid!);
    const servers = members.filter((m) => /^\S*node .*build\/node\/start\.js$/.test(m.cmd));
    expect(servers, JSON.stringify(members)).toHaveLength(1);
    expect(members.filter((m) => /tsx/.test(m.cmd))).toEqual([]);

    // An unknown URL is one line in the log (method, path without its query, status), not a stack trace;
    // away from a terminal each line is a JSON object (server/log.ts).
    expect((await fetch(`http://127.0.0.1:${run.port}/bestaat-niet?code=QWERTY`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${run.port}/assets/weg.js`)).status).toBe(404);
    expect(
      (await fetch(`http://127.0.0.1:${run.port}/tips`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "a=1" })).status,
    ).toBe(405);
    await vi.waitFor(() => expect(run.output()).toContain("POST /tips 405"), { timeout: 5_000 });
    expect(run.output()).toContain('"msg":"GET /bestaat-niet 404"');
    expect(run.output()).toContain('"msg":"GET /assets/weg.js 404"');
    expect(run.output()).not.toContain("QWERTY");
    expect(run.output()).not.toMatch(/ErrorResponse|^\s+at /m);

    await stopGroup(run, "SIGINT");
    // Its last lines may reach this process after the port is free: wait for the pipe, not a time.
    await vi.waitFor(() => expect(run.output()).toContain("SIGINT ontvangen"), { timeout: 10_000, interval: 100 });
  }, 300_000);

  it("npm run serve starts the built app without building, and SIGTERM stops every process and frees the port", async () => {
    const run = await npmRun(["run", "serve"], project);
    expect(run.output()).not.toMatch(/vite:build|built in/);
    await stopGroup(run, "SIGTERM");
    await vi.waitFor(() => expect(run.output()).toContain("SIGTERM ontvangen"), { timeout: 10_000, interval: 100 });
  }, 120_000);
});

/** Package name of an import specifier ("@scope/pkg/sub" → "@scope/pkg", "pkg/sub" → "pkg"); null for builtins and files. */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("node:") || builtinModules.includes(specifier)) return null;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

function importsOf(file: string): { static: Set<string>; dynamic: Set<string> } {
  const code = readFileSync(file, "utf8");
  const collect = (pattern: RegExp) => new Set([...code.matchAll(pattern)].map((m) => packageOf(m[1])).filter((p): p is string => p !== null));
  return {
    static: collect(/^(?:import|export)\b[^;"'`]*?(?:from\s*)?"([^"]+)";/gm),
    dynamic: collect(/\bimport\(\s*"([^"]+)"\s*\)/g),
  };
}

describe("what the built server needs at run time", () => {
  it("imports only packages from dependencies, so `npm ci --omit=dev` then `npm run serve` works", () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    const files = [
      path.join(REPO, "build/server/index.js"),
      ...readdirSync(path.join(REPO, "build/node"))
        .filter((f) => f.endsWith(".js"))
        .map((f) => path.join(REPO, "build/node", f)),
    ];
    const needed = new Set<string>();
    const dynamic = new Set<string>();
    for (const file of files) {
      const found = importsOf(file);
      found.static.forEach((p) => needed.add(p));
      found.dynamic.forEach((p) => dynamic.add(p));
    }
    // The builds are read for real: the server imports at least these.
    expect([...needed]).toEqual(expect.arrayContaining(["express", "socket.io", "@remix-run/express", "react"]));
    expect([...needed].filter((p) => !(p in pkg.dependencies))).toEqual([]);
    // Vite is loaded only by `npm run dev` (NODE_ENV=development), never by the built server.
    expect([...dynamic].filter((p) => !(p in pkg.dependencies))).toEqual(["vite"]);
  });

  it("is what the systemd unit starts: the same node command as npm run serve, without npm", () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as { scripts: Record<string, string> };
    const unit = readFileSync(path.join(REPO, "deploy/alliantiekompas.service"), "utf8");
    const execStart = /^ExecStart=(\S+) (.*)$/m.exec(unit);
    expect(execStart).not.toBeNull();
    expect(path.basename(execStart![1])).toBe("node");
    expect(`node ${execStart![2]}`).toBe(pkg.scripts.serve);
    // npm start builds first, then starts the same way (the bench does too: bench/lib/children.ts).
    expect(pkg.scripts.start).toBe(`npm run build && ${pkg.scripts.serve}`);
    expect(existsSync(path.join(REPO, execStart![2].split(" ").at(-1)!))).toBe(true);
  });
});
