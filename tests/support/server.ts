// Starts real Alliantiekompas servers for tests: in this process (fast), or as a child process
// that a test can SIGKILL and start again on the same data folder.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { NetworkView } from "../../app/core/public-links";
import { parseEnv } from "../../server/env";
import { type RunningServer, startServer } from "../../server/server";

const made: string[] = [];
// Data folders outlive single tests (restart tests start again on them), so they go when the test
// worker exits; the run's own TMPDIR (tests/support/global-setup.ts) is removed after that.
process.once("exit", () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

export function tempDataDir(prefix = "ak-test-"): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A port on 127.0.0.1 that nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface TestServerOptions {
  dataDir?: string;
  env?: Record<string, string>;
  /** A made-up network for links meant for phones (in-process servers only); the OS's by default. */
  network?: () => NetworkView;
}

/** A real server on a free port, in this process, on the production build. */
export async function startTestServer(options: TestServerOptions = {}): Promise<RunningServer & { dataDir: string }> {
  const dataDir = options.dataDir ?? tempDataDir();
  const env = parseEnv({ NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, ...options.env });
  const server = await startServer(env, { network: options.network });
  return { ...server, url: `http://127.0.0.1:${server.port}`, dataDir };
}

export interface ChildServer {
  url: string;
  port: number;
  process: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<number | null>;
  /** SIGKILL and wait for the exit. */
  kill(): Promise<void>;
}

/** The server as its own process: `tsx server/index.ts`, the code `npm start` compiles and runs (tests/integration/runtime.test.ts runs that). */
export function spawnServer(options: TestServerOptions & { port?: number } = {}): Promise<ChildServer> {
  const dataDir = options.dataDir ?? tempDataDir();
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: path.resolve(__dirname, "../.."),
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(options.port ?? 0),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /luistert op http:\/\/localhost:(\d+)/.exec(output);
      if (match) {
        const port = Number(match[1]);
        resolve({
          url: `http://127.0.0.1:${port}`,
          port,
          process: child,
          output: () => output,
          stop: async () => {
            child.kill("SIGTERM");
            return exited;
          },
          kill: async () => {
            child.kill("SIGKILL");
            await exited;
          },
        });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`server stopte (code ${code}) voor hij luisterde:\n${output}`)));
  });
}
