// Never crash: a failure inside any HTTP handler of the session API (a disk error, a bug) is
// answered in the closed error shape (503 storage_failed for a disk error, 500 internal otherwise,
// JSON, a Dutch message), nothing is left half done, the process keeps running and the very next
// request works. Each fault is injected once into the real server (in this process), at a point
// the handler really calls: the store or the rooms it awaits.
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { CreatedSession } from "../../app/core/session-service";
import { Rooms } from "../../server/realtime/rooms";
import type { RunningServer } from "../../server/server";
import { SessionStore } from "../../server/store/sessions";
import { silentWav } from "../support/media";
import { startTestServer } from "../support/server";
import { api, createSession, joinHost, must } from "./live-helpers";

let server: RunningServer & { dataDir: string };
let vignette: CreatedSession;
let media: CreatedSession;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  server = await startTestServer();
  vignette = await createSession(server.url);
  media = await createSession(server.url, { source: { kind: "media" } });
});

afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  await server?.close();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  // The server logs each failure (a stack trace); expected here, so kept out of the test output.
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
  expect(unhandled).toEqual([]);
});

const diskError = (code = "EIO") => Object.assign(new Error(`${code}: schijf weigert (test)`), { code });

async function expectFailure(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  const body = await res.json();
  expect(body).toEqual({ ok: false, error: { code, message: expect.stringMatching(/[a-z]{3}/) } });
  expect(body.error.message).not.toMatch(/EIO|ENOSPC|Error|at /); // Dutch, no internals
  // The process still answers.
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
}

describe("a failure in each HTTP handler of the session API", () => {
  it("POST /api/sessions: 503 when the store fails, nothing created, the next create works", async () => {
    const before = readdirSync(path.join(server.dataDir, "sessions")).length;
    vi.spyOn(Rooms.prototype, "create").mockRejectedValueOnce(diskError("ENOSPC"));
    const body = JSON.stringify({ title: "Groep", source: { kind: "vignette", slug: "bezwaar-fml" }, separateRoles: true, nameDisplay: "namen" });
    const init = { method: "POST", headers: { "content-type": "application/json" }, body };
    await expectFailure(await api(server.url, "/api/sessions", init), 503, "storage_failed");
    expect(readdirSync(path.join(server.dataDir, "sessions")).length).toBe(before);
    expect((await api(server.url, "/api/sessions", init)).status).toBe(201);
  });

  it("GET /api/sessions/:id: 500 on a bug in the snapshot, then the snapshot again", async () => {
    vi.spyOn(Rooms.prototype, "snapshot").mockImplementationOnce(() => {
      throw new TypeError("kapot (test)");
    });
    const path_ = `/api/sessions/${vignette.sessionId}`;
    await expectFailure(await api(server.url, path_, { token: vignette.hostToken }), 500, "internal");
    const res = await api(server.url, path_, { token: vignette.hostToken });
    expect(res.status).toBe(200);
    expect((await res.json()).code).toBe(vignette.code);
  });

  it("GET /api/sessions/:id/results: 503 when the results cannot be read, then the results", async () => {
    const host = await joinHost(server.url, vignette);
    for (const phase of ["briefing", "live", "final", "reveal"]) await must(host.socket, "session:phase", { phase });
    host.socket.close();
    vi.spyOn(Rooms.prototype, "ensureResults").mockRejectedValueOnce(diskError());
    const path_ = `/api/sessions/${vignette.sessionId}/results`;
    await expectFailure(await api(server.url, path_, { token: vignette.hostToken }), 503, "storage_failed");
    const res = await api(server.url, path_, { token: vignette.hostToken });
    expect(res.status).toBe(200);
    expect((await res.json()).sessionId).toBe(vignette.sessionId);
  });

  it.each(["POST", "DELETE"])("%s /api/sessions/:id/host-cookie: 500 on a bug, then the cookie", async (method) => {
    vi.spyOn(Rooms.prototype, "isHostToken").mockImplementationOnce(() => {
      throw new RangeError("kapot (test)");
    });
    const path_ = `/api/sessions/${vignette.sessionId}/host-cookie`;
    await expectFailure(await api(server.url, path_, { method, token: vignette.hostToken }), 500, "internal");
    const res = await api(server.url, path_, { method, token: vignette.hostToken });
    expect(res.status).toBe(204);
    expect(res.headers.get("set-cookie")).toMatch(/^ak_begeleider=/);
  });

  it("POST /api/sessions/:id/media: 503 when storing the upload fails, no file left, the next upload works", async () => {
    const dir = path.join(server.dataDir, "sessions", media.sessionId);
    vi.spyOn(Rooms.prototype, "execute").mockRejectedValueOnce(diskError("ENOSPC"));
    const upload = () =>
      api(server.url, `/api/sessions/${media.sessionId}/media?duration=1`, {
        method: "POST",
        token: media.hostToken,
        headers: { "content-type": "application/octet-stream" },
        body: silentWav(),
      });
    await expectFailure(await upload(), 503, "storage_failed");
    expect(readdirSync(dir).filter((f) => f.startsWith("media-"))).toEqual([]);
    const res = await upload();
    expect(res.status).toBe(201);
    expect(readdirSync(dir).filter((f) => f.startsWith("media-"))).toHaveLength(1);
  });

  it("GET /api/sessions/:id/media: 500 on a bug, then the recording", async () => {
    vi.spyOn(SessionStore.prototype, "mediaPath").mockImplementationOnce(() => {
      throw new Error("kapot (test)");
    });
    const path_ = `/api/sessions/${media.sessionId}/media`;
    await expectFailure(await api(server.url, path_, { token: media.hostToken }), 500, "internal");
    const res = await api(server.url, path_, { token: media.hostToken });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(silentWav()))).toBe(true);
  });

  it("DELETE /api/sessions/:id: 503 when the disk refuses, the session is still there, and a retry deletes it", async () => {
    const dir = path.join(server.dataDir, "sessions", vignette.sessionId);
    vi.spyOn(SessionStore.prototype, "delete").mockRejectedValueOnce(diskError());
    const path_ = `/api/sessions/${vignette.sessionId}`;
    await expectFailure(await api(server.url, path_, { method: "DELETE", token: vignette.hostToken }), 503, "storage_failed");
    expect(existsSync(dir)).toBe(true);
    expect((await api(server.url, path_, { token: vignette.hostToken })).status).toBe(200);
    expect((await api(server.url, path_, { method: "DELETE", token: vignette.hostToken })).status).toBe(204);
    expect(existsSync(dir)).toBe(false);
  });
});
