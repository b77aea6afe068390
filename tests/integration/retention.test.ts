// The retention purge on a real server: sessions whose last activity lies more than RETENTION_DAYS
// back are deleted at start with everything in them (ratings, results, the uploaded recording);
// recent sessions stay and keep working; RETENTION_DAYS=0 keeps everything.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CreatedSession } from "../../app/core/session-service";
import type { RunningServer } from "../../server/server";
import { startTestServer, tempDataDir } from "../support/server";
import { api, call, connect, createSession, joinAs, joinHost, must } from "./live-helpers";
import { silentWav } from "../support/media";

const DAY = 24 * 3600 * 1000;
const dataDir = tempDataDir();
let server: (RunningServer & { dataDir: string }) | null = null;
afterAll(async () => {
  await server?.close();
});

const wav = () => silentWav();

const dir = (id: string) => path.join(dataDir, "sessions", id);

/** Moves every timestamp of a stored session `days` back, as if it was last used then. */
function age(id: string, days: number) {
  const file = path.join(dir(id), "session.json");
  const doc = JSON.parse(readFileSync(file, "utf8"));
  const shift = (t: number) => t - days * DAY;
  doc.createdAt = shift(doc.createdAt);
  doc.phaseLog = doc.phaseLog.map((e: { phase: string; at: number }) => ({ ...e, at: shift(e.at) }));
  doc.participants = doc.participants.map((p: { joinedAt: number }) => ({ ...p, joinedAt: shift(p.joinedAt) }));
  if (doc.source.media) doc.source.media.uploadedAt = shift(doc.source.media.uploadedAt);
  doc.clock.at = shift(doc.clock.at);
  writeFileSync(file, JSON.stringify(doc));
}

describe("retention", () => {
  let oldMedia: CreatedSession;
  let oldRated: CreatedSession;
  let recent: CreatedSession;
  let borderline: CreatedSession;

  it("sets up: an old session with an upload, an old one with ratings, a recent one and one just inside the limit", async () => {
    server = await startTestServer({ dataDir });
    oldMedia = await createSession(server.url, { title: "Oud met opname", source: { kind: "media" } });
    const upload = await api(server.url, `/api/sessions/${oldMedia.sessionId}/media?duration=1`, { method: "POST", token: oldMedia.hostToken, body: wav() });
    expect(upload.status).toBe(201);
    expect(readdirSync(dir(oldMedia.sessionId)).some((f) => f.startsWith("media-"))).toBe(true);

    oldRated = await createSession(server.url, { title: "Oud met beoordelingen" });
    const host = await joinHost(server.url, oldRated);
    const rater = await joinAs(server.url, oldRated.code, "Anna", "arbeidsdeskundige");
    await must(host.socket, "session:phase", { phase: "briefing" });
    await must(host.socket, "session:phase", { phase: "live" });
    await must(rater.socket, "rating:samples", { samples: [{ seq: 1, element: "binding", value: 5, t: 1 }] });
    rater.socket.close();
    host.socket.close();

    recent = await createSession(server.url, { title: "Recent" });
    borderline = await createSession(server.url, { title: "Net binnen de termijn" });
    await server.close();
    server = null;

    age(oldMedia.sessionId, 40);
    age(oldRated.sessionId, 31);
    age(recent.sessionId, 2);
    // 29 days and 23 hours: inside a 30-day limit.
    age(borderline.sessionId, 30 - 1 / 24);
  });

  it("RETENTION_DAYS=0 keeps everything", async () => {
    server = await startTestServer({ dataDir, env: { RETENTION_DAYS: "0" } });
    for (const s of [oldMedia, oldRated, recent, borderline]) {
      expect((await api(server.url, `/api/sessions/${s.sessionId}`, { token: s.hostToken })).status, s.sessionId).toBe(200);
    }
    await server.close();
    server = null;
  });

  it("at start, the expired sessions go with all their files; the others stay and keep working", async () => {
    server = await startTestServer({ dataDir, env: { RETENTION_DAYS: "30" } });
    for (const s of [oldMedia, oldRated]) {
      expect(existsSync(dir(s.sessionId)), s.sessionId).toBe(false);
      expect((await api(server.url, `/api/sessions/${s.sessionId}`, { token: s.hostToken })).status).toBe(404);
      expect((await api(server.url, `/api/sessions/${s.sessionId}/media?key=x`)).status).toBe(404);
      const socket = await connect(server.url);
      const join = await call(socket, "session:join", { code: s.code, hostToken: s.hostToken });
      expect(join.ok || join.error.code).toBe("not_found");
      socket.close();
    }
    expect(readdirSync(path.join(dataDir, "sessions")).sort()).toEqual([recent.sessionId, borderline.sessionId].sort());
    for (const s of [recent, borderline]) {
      expect((await api(server.url, `/api/sessions/${s.sessionId}`, { token: s.hostToken })).status).toBe(200);
      const host = await joinHost(server.url, s);
      expect(host.state.title).toBe(s === recent ? "Recent" : "Net binnen de termijn");
      await must(host.socket, "session:phase", { phase: "briefing" });
      host.socket.close();
      const report = await fetch(`${server.url}/sessie/${s.code}/verslag`, { headers: { Authorization: `Bearer ${s.hostToken}` } });
      expect(report.status).toBe(200);
    }
  });
});
