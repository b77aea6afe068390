// A failed flush at shutdown is not swallowed: the process exits non-zero and names the file whose
// last writes may be missing (a supervisor such as systemd then records a failed stop). A real
// server process; its disk "breaks" at SIGTERM through a test-only preload (every fdatasync from
// then on fails with EIO). Without the fault the same stop exits 0.
import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawnServer, tempDataDir } from "../support/server";
import { createSession, joinAs, must, samples, startLive } from "./live-helpers";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const HOOK = path.resolve(__dirname, "../support/fail-sync-at-shutdown.mjs");

describe("stopping the server", () => {
  it("exits 1 and names the rating log when its last flush fails", async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const nodeOptions = `${process.env.NODE_OPTIONS ?? ""} --import ${HOOK}`.trim();
    const server = await spawnServer({ dataDir, env: { NODE_OPTIONS: nodeOptions } });
    const { created, host } = await startLive(server.url);
    const rater = await joinAs(server.url, created.code, "Anna", "arbeidsdeskundige");
    await must(rater.socket, "rating:samples", { samples: samples(1, 10) });
    rater.socket.close();
    host.socket.close();
    const code = await server.stop();
    expect(code).toBe(1);
    const log = path.join(dataDir, "sessions", created.sessionId, "ratings.ndjson");
    expect(server.output()).toContain("Afsluiten mislukt");
    expect(server.output()).toContain(`${log} (EIO)`);
  });

  it("exits 0 when everything was written", async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const server = await spawnServer({ dataDir });
    await createSession(server.url);
    expect(await server.stop()).toBe(0);
    expect(server.output()).not.toContain("Afsluiten mislukt");
  });
});
