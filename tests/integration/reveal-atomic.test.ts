// The reveal is atomic: a command that arrives while the results are being computed and written
// (here the host's clock) waits for the reveal. Before, it wrote the session document with phase
// "reveal" while results.json did not exist yet: a crash right then left a revealed session
// without results on disk. The fault is timing, so the test holds the results write open (the real
// write, delayed) until the clock command has reached the server.
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { SessionDoc } from "../../app/core/session";
import { Rooms } from "../../server/realtime/rooms";
import { SessionStore, type StoredResults } from "../../server/store/sessions";
import { serverForFile } from "../support/file-server";
import { call, joinAs, must, samples, startLive } from "./live-helpers";

const server = serverForFile();
afterAll(() => vi.restoreAllMocks());

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("the reveal with a concurrent clock command", () => {
  it("never stores phase reveal before the results, and the clock command is applied after it", async () => {
    const { created, host } = await startLive(server.url);
    const rater = await joinAs(server.url, created.code, "Anna", "arbeidsdeskundige");
    await must(rater.socket, "rating:samples", { samples: samples(1, 20) });
    await must(host.socket, "session:phase", { phase: "final" });
    const resultsFile = path.join(server.dataDir, "sessions", created.sessionId, "results.json");

    // Every document write of this session, with whether its results were on disk at that moment.
    const writes: { phase: string; resultsOnDisk: boolean }[] = [];
    const saveDoc = SessionStore.prototype.saveDoc;
    vi.spyOn(SessionStore.prototype, "saveDoc").mockImplementation(function (this: SessionStore, id: string, doc: SessionDoc) {
      if (id === created.sessionId) writes.push({ phase: doc.phase, resultsOnDisk: existsSync(resultsFile) });
      return saveDoc.call(this, id, doc);
    });
    const resultsWriteStarted = deferred();
    const releaseResultsWrite = deferred();
    const saveResults = SessionStore.prototype.saveResults;
    vi.spyOn(SessionStore.prototype, "saveResults").mockImplementation(async function (this: SessionStore, id: string, results: StoredResults) {
      resultsWriteStarted.resolve();
      await releaseResultsWrite.promise;
      return saveResults.call(this, id, results);
    });
    const clockReached = deferred();
    const execute = Rooms.prototype.execute;
    vi.spyOn(Rooms.prototype, "execute").mockImplementation(function (this: Rooms, ...args: Parameters<Rooms["execute"]>) {
      // The original runs first (it writes synchronously when it does not wait), then we know it arrived.
      const result = execute.apply(this, args);
      if (args[1].type === "clock") clockReached.resolve();
      return result;
    });

    const reveal = call(host.socket, "session:phase", { phase: "reveal" });
    await resultsWriteStarted.promise;
    const clock = call(host.socket, "session:clock", { action: "seek", t: 42 });
    await clockReached.promise;
    releaseResultsWrite.resolve();
    const [revealAck, clockAck] = await Promise.all([reveal, clock]);
    vi.restoreAllMocks();

    expect(revealAck).toEqual({ ok: true, data: { phase: "reveal" } });
    expect(clockAck.ok).toBe(true);
    expect(clockAck.ok && clockAck.data.t).toBe(42);
    const revealWrites = writes.filter((w) => w.phase === "reveal");
    expect(revealWrites.length).toBeGreaterThanOrEqual(2); // the reveal's own write and the clock's
    expect(revealWrites.every((w) => w.resultsOnDisk)).toBe(true);

    // What the disk holds afterwards: phase reveal, the clock moved, the results there.
    const res = await fetch(`${server.url}/api/sessions/${created.sessionId}`, { headers: { authorization: `Bearer ${created.hostToken}` } });
    const snapshot = await res.json();
    expect(snapshot.phase).toBe("reveal");
    expect(snapshot.clock.t).toBe(42);
    expect(existsSync(resultsFile)).toBe(true);
    host.socket.close();
    rater.socket.close();
  });
});
