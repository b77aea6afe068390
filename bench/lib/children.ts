// The processes of a bench run: the server (as `npm start` runs it: the compiled build/node/start.js
// with plain node), the bare relay, and the load generators. Each is its own process on 127.0.0.1,
// optionally pinned to a core of its own (taskset), so that their CPU figures do not mix.
import { type ChildProcess, execFileSync, fork, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { RuntimeMetrics } from "../../server/metrics";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TSX = import.meta.resolve("tsx");

/**
 * The production build (`npm run build`: the Remix build and the compiled server in build/node),
 * copied to a folder of its own, so that a build running meanwhile (tests, a colleague) cannot pull
 * it from under a server. Builds first, so the bench measures the code as it is (`build: false`
 * takes build/ as it is, when it is complete).
 */
export function prepareApp(log: (line: string) => void, options: { build?: boolean } = {}): { cwd: string; remove(): void } {
  const build = path.join(REPO, "build");
  const complete = ["server/index.js", "client/assets", "node/start.js"].every((f) => existsSync(path.join(build, f)));
  if (options.build !== false || !complete) {
    log("npm run build …");
    execFileSync("npm", ["run", "build"], { cwd: REPO, stdio: ["ignore", "ignore", "inherit"] });
  }
  const cwd = mkdtempSync(path.join(tmpdir(), "ak-bench-app-"));
  cpSync(build, path.join(cwd, "build"), { recursive: true });
  // The server build resolves its packages and its module type from here.
  cpSync(path.join(REPO, "package.json"), path.join(cwd, "package.json"));
  symlinkSync(path.join(REPO, "node_modules"), path.join(cwd, "node_modules"), "dir");
  return { cwd, remove: () => rmSync(cwd, { recursive: true, force: true }) };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export interface ServerProcess {
  url: string;
  port: number;
  pid: number;
  process: ChildProcess;
  output(): string;
  /** SIGUSR2: the figures since the last call (server/metrics.ts). */
  metrics(): Promise<RuntimeMetrics>;
  /** SIGTERM, wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL, wait for the exit. */
  kill(): Promise<void>;
}

/**
 * `taskset -c <core>` in front of a command when a core is given (the process keeps its pid: taskset
 * execs it). Linux only; `hasTaskset()` says whether it can be used.
 */
function pinned(core: number | undefined, command: string, args: string[]): [string, string[]] {
  return core === undefined ? [command, args] : ["taskset", ["-c", String(core), command, ...args]];
}

export function hasTaskset(): boolean {
  try {
    execFileSync("taskset", ["-p", String(process.pid)], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** A line the server printed on SIGUSR2: `metrics {json}` (relay) or a JSON log entry with msg "metrics". */
function metricsLine(line: string): RuntimeMetrics | null {
  if (line.startsWith("metrics ")) return JSON.parse(line.slice(8)) as RuntimeMetrics;
  if (line.startsWith("{") && line.includes('"msg":"metrics"')) return (JSON.parse(line) as { metrics: RuntimeMetrics }).metrics;
  return null;
}

function startProcess(
  args: string[],
  options: { cwd: string; env: Record<string, string>; nodeArgs?: string[]; core?: number; tsx?: boolean },
  ready: RegExp,
): Promise<ServerProcess> {
  const [command, argv] = pinned(options.core, process.execPath, [...(options.nodeArgs ?? []), ...(options.tsx === false ? [] : ["--import", TSX]), ...args]);
  const child = spawn(command, argv, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const metricsWaiters: ((m: RuntimeMetrics) => void)[] = [];
  let partial = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.stdout!.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    partial += text;
    const lines = partial.split("\n");
    partial = lines.pop()!;
    for (const line of lines) {
      const m = metricsLine(line);
      if (m) metricsWaiters.shift()?.(m);
    }
    if (output.length > 1_000_000) output = output.slice(-100_000);
  });
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const onData = () => {
      const match = ready.exec(output);
      if (!match) return;
      child.stdout!.off("data", onData);
      const port = Number(match[1]);
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        pid: child.pid!,
        process: child,
        output: () => output,
        metrics: () =>
          new Promise((done, fail) => {
            const timer = setTimeout(() => fail(new Error("geen metrics-regel binnen 60 s")), 60_000);
            metricsWaiters.push((m) => {
              clearTimeout(timer);
              done(m);
            });
            child.kill("SIGUSR2");
          }),
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          await exited;
        },
        kill: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
          await exited;
        },
      });
    };
    child.stdout!.on("data", onData);
    void exited.then(() => reject(new Error(`${args.join(" ")} stopte voor hij luisterde:\n${output}`)));
  });
}

/**
 * The node flags of `npm run serve` (package.json), which `npm start` and the systemd unit use too
 * (tests/integration/runtime.test.ts): the bench starts the server the way production does.
 */
export function serveNodeArgs(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const [node, ...rest] = pkg.scripts.serve.split(" ");
  if (node !== "node" || rest.at(-1) !== "build/node/start.js") throw new Error(`package.json serve is niet "node … build/node/start.js": ${pkg.scripts.serve}`);
  return rest.slice(0, -1);
}

/**
 * Our server, as `npm start` runs it (node, the flags of serveNodeArgs, build/node/start.js, from the copy
 * prepareApp made), behind one reverse proxy (TRUST_PROXY=1), so each room's people can come from
 * their own address. Logs as JSON lines (LOG_FORMAT=json), where the metrics line is found.
 */
export function spawnApp(options: { cwd: string; dataDir: string; port?: number; env?: Record<string, string>; nodeArgs?: string[]; core?: number }): Promise<ServerProcess> {
  return startProcess(
    [...serveNodeArgs(), path.join(options.cwd, "build/node/start.js")],
    {
      cwd: options.cwd,
      nodeArgs: options.nodeArgs,
      core: options.core,
      tsx: false,
      env: {
        NODE_ENV: "production",
        PORT: String(options.port ?? 0),
        HOST: "127.0.0.1",
        DATA_DIR: options.dataDir,
        CONTENT_DIR: path.join(REPO, "content"),
        TRUST_PROXY: "1",
        LOG_FORMAT: "json",
        ...options.env,
      },
    },
    /luistert op http:\/\/localhost:(\d+)/,
  );
}

export function spawnRelay(options: { core?: number } = {}): Promise<ServerProcess> {
  return startProcess([path.join(REPO, "bench/bare-relay.ts")], { cwd: REPO, env: {}, core: options.core }, /relay luistert op http:\/\/127\.0\.0\.1:(\d+)/);
}

/** A load generator process (bench/load-generator.ts), with a request/answer channel. */
export class Generator {
  readonly process: ChildProcess;
  #next = 1;
  #waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  /** `core`: pinned to that core (taskset runs node, which keeps the IPC channel it inherits). */
  constructor(options: { core?: number } = {}) {
    const [execPath, execArgv] = pinned(options.core, process.execPath, ["--import", TSX]);
    this.process = fork(path.join(REPO, "bench/load-generator.ts"), [], {
      cwd: REPO,
      execPath,
      execArgv,
      env: { ...process.env, TSX_TSCONFIG_PATH: path.join(REPO, "tsconfig.json") },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.process.on("message", (m: { id: number; result?: unknown; error?: string }) => {
      const w = this.#waiting.get(m.id);
      if (!w) return;
      this.#waiting.delete(m.id);
      if (m.error) w.reject(new Error(`generator: ${m.error}`));
      else w.resolve(m.result);
    });
    this.process.on("exit", (code) => {
      for (const w of this.#waiting.values()) w.reject(new Error(`generator stopte (code ${code})`));
      this.#waiting.clear();
    });
  }

  get pid(): number {
    return this.process.pid!;
  }

  call<T = unknown>(command: Record<string, unknown> & { cmd: string }): Promise<T> {
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      this.#waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.process.send({ ...command, id });
    });
  }

  async close(): Promise<void> {
    if (this.process.exitCode !== null) return;
    const exited = new Promise((resolve) => this.process.once("exit", resolve));
    await this.call({ cmd: "close" }).catch(() => undefined);
    await exited;
  }
}
