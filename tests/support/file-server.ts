// One in-process server for a whole test file: started before its first test, closed after its
// last, and started again on the same data folder when a test asks (a restart).
import { afterAll, beforeAll } from "vitest";
import { type TestServerOptions, startTestServer, tempDataDir } from "./server";

type Running = Awaited<ReturnType<typeof startTestServer>>;

export class FileServer {
  #running: Running | null = null;
  readonly dataDir: string;

  constructor(private readonly options: TestServerOptions = {}) {
    this.dataDir = options.dataDir ?? tempDataDir();
  }

  get url(): string {
    if (!this.#running) throw new Error("de testserver draait niet");
    return this.#running.url;
  }

  async start(env: Record<string, string> = {}): Promise<void> {
    this.#running = await startTestServer({ ...this.options, dataDir: this.dataDir, env: { ...this.options.env, ...env } });
  }

  async close(): Promise<void> {
    const running = this.#running;
    this.#running = null;
    await running?.close();
  }

  /** Closed and started again on the same data folder, with `env` on top of the file's own. */
  async restart(env: Record<string, string> = {}): Promise<void> {
    await this.close();
    await this.start(env);
  }
}

/** The file's server; its data folder goes when the test worker exits (tests/support/server.ts). */
export function serverForFile(options: TestServerOptions = {}): FileServer {
  const server = new FileServer(options);
  beforeAll(() => server.start());
  afterAll(() => server.close());
  return server;
}
