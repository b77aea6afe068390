// Bad input gets a clear error and changes nothing, and the session carries on: malformed,
// oversized, unauthorised and flooding events; foreign origins; HTTP without the host token;
// uploads that are not audio or video.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ack } from "../../app/core/protocol";
import type { CreatedSession } from "../../app/core/session-service";
import { serverForFile } from "../support/file-server";
import { startTestServer } from "../support/server";
import { api, call, connect, createSession, joinAs, joinHost, must, next, type Rater, samples, type TestSocket } from "./live-helpers";
import { silentWav } from "../support/media";

const server = serverForFile();
let created: CreatedSession;
let host: { socket: TestSocket };
let rater: Rater;
let other: Rater;

beforeAll(async () => {
  created = await createSession(server.url);
  host = await joinHost(server.url, created);
  rater = await joinAs(server.url, created.code, "Mila", "arbeidsdeskundige");
  other = await joinAs(server.url, created.code, "Noah", "ervaringsdeskundige");
  await must(host.socket, "session:phase", { phase: "briefing" });
  await must(host.socket, "session:phase", { phase: "live" });
});
afterAll(async () => {
  for (const s of [host?.socket, rater?.socket, other?.socket]) s?.close();
});

const codeOf = (ack: Ack<unknown>) => (ack.ok ? "ok" : ack.error.code);

/** The session still works: the other rater's samples are stored and acked. */
async function carriesOn(seq: number) {
  const ack = await must(other.socket, "rating:samples", { samples: samples(seq, seq) });
  expect(ack.lastSeq).toBe(seq);
}

describe("malformed events", () => {
  it.each([
    ["not an object", "rating:samples", "hallo", "invalid_payload"],
    ["an unknown field", "rating:samples", { samples: samples(1, 1), extra: true }, "invalid_payload"],
    ["a wrong type", "rating:samples", { samples: [{ seq: "1", element: "binding", value: 5, t: 1 }] }, "invalid_payload"],
    ["an unknown element", "rating:samples", { samples: [{ seq: 1, element: "empathie", value: 5, t: 1 }] }, "invalid_payload"],
    ["a value above 10", "rating:samples", { samples: [{ seq: 1, element: "binding", value: 11, t: 1 }] }, "out_of_range"],
    ["a value below 0", "rating:samples", { samples: [{ seq: 1, element: "binding", value: -1, t: 1 }] }, "out_of_range"],
    ["a time after the gesprek", "rating:samples", { samples: [{ seq: 1, element: "binding", value: 5, t: 5_000 }] }, "out_of_range"],
    ["an empty batch", "rating:samples", { samples: [] }, "invalid_payload"],
    ["more than 200 samples", "rating:samples", { samples: samples(1, 201) }, "invalid_payload"],
    ["a moment with an unknown behaviour", "moment:mark", { seq: 1, t: 2, element: "binding", behaviourId: "bestaat-niet" }, "invalid_payload"],
    ["a final rating in the live phase", "rating:final", { scores: { vertrouwen: 1, "richting-kader": 1, binding: 1, stroefheid: 1 }, observed: [] }, "wrong_phase"],
    ["a final score that is not whole", "rating:final", { scores: { vertrouwen: 1.5, "richting-kader": 1, binding: 1, stroefheid: 1 }, observed: [] }, "invalid_payload"],
    ["a join without a code", "session:join", { name: "X", role: "arbeidsdeskundige" }, "invalid_payload"],
    ["a join with a role that does not exist", "session:join", { code: "ACD234", name: "X", role: "voorzitter" }, "invalid_payload"],
    ["a name with control characters", "session:join", { code: "ACD234", name: "a\u0007b", role: "observator" }, "invalid_payload"],
  ] as const)("refuses %s with a Dutch message, and stores nothing", async (_label, event, payload, code) => {
    const ack = await call(rater.socket, event, payload);
    expect(codeOf(ack)).toBe(code);
    if (!ack.ok) expect(ack.error.message).toMatch(/[a-z]{3,}/);
  });

  it("after all that, the rater's stored state is untouched and the session carries on", async () => {
    const state = await must(rater.socket, "session:join", { code: created.code, resumeToken: rater.resumeToken });
    expect(state.state.you.lastSampleSeq).toBe(0);
    expect(state.state.you.moments).toEqual([]);
    await carriesOn(1);
  });

  it("ignores an event without an ack callback, and refuses one with extra arguments", async () => {
    (rater.socket.emit as (...args: unknown[]) => void)("rating:samples", { samples: samples(1, 1) });
    const ack = await new Promise<Ack<unknown>>((resolve) =>
      (rater.socket.emit as (...args: unknown[]) => void)("rating:samples", { samples: samples(1, 1) }, "extra", resolve),
    );
    expect(codeOf(ack)).toBe("invalid_payload");
    // The emit without a callback was not stored either (it could not be acked).
    const state = await must(rater.socket, "session:join", { code: created.code, resumeToken: rater.resumeToken });
    expect(state.state.you.lastSampleSeq).toBe(0);
  });
});

describe("oversized payloads", () => {
  it("refuses a payload over the event's size with payload_too_large", async () => {
    const ack = await call(rater.socket, "moment:mark", { seq: 1, t: 2, element: "binding", note: "x".repeat(6_000) });
    expect(codeOf(ack)).toBe("payload_too_large");
    await carriesOn(2);
  });

  it("drops the connection of a client that sends more than maxHttpBufferSize (32 KB); it reconnects, the session goes on", async () => {
    const socket = await connect(server.url);
    const closed = new Promise<string>((resolve) => socket.once("disconnect", (reason) => resolve(reason)));
    socket.emit("rating:samples", { samples: "x".repeat(40 * 1024) }, () => undefined);
    expect(await closed).toMatch(/transport (close|error)/);
    socket.close();
    await carriesOn(3);
  });
});

describe("unauthorised events", () => {
  it("refuses host actions from a rater", async () => {
    expect(codeOf(await call(rater.socket, "session:phase", { phase: "final" }))).toBe("forbidden");
    expect(codeOf(await call(rater.socket, "session:clock", { action: "play", t: 0 }))).toBe("forbidden");
    expect(codeOf(await call(rater.socket, "participant:remove", { participantId: other.participantId }))).toBe("forbidden");
    expect(codeOf(await call(rater.socket, "participant:focus", { spread: true }))).toBe("forbidden");
    const state = await must(host.socket, "session:join", { code: created.code, hostToken: created.hostToken });
    expect(state.state.phase).toBe("live");
    expect(state.state.participants).toHaveLength(2);
  });

  it("refuses everything from a socket that has not joined, and a wrong token", async () => {
    const socket = await connect(server.url);
    expect(codeOf(await call(socket, "rating:samples", { samples: samples(1, 1) }))).toBe("unauthorized");
    expect(codeOf(await call(socket, "session:phase", { phase: "final" }))).toBe("unauthorized");
    expect(codeOf(await call(socket, "session:join", { code: created.code, hostToken: "x".repeat(22) }))).toBe("unauthorized");
    expect(codeOf(await call(socket, "session:join", { code: created.code, resumeToken: "y".repeat(22) }))).toBe("unauthorized");
    // A host token of another session does not open this one.
    const elsewhere = await createSession(server.url);
    expect(codeOf(await call(socket, "session:join", { code: created.code, hostToken: elsewhere.hostToken }))).toBe("unauthorized");
    socket.close();
  });

  it("the host does not rate, an observator does not rate", async () => {
    expect(codeOf(await call(host.socket, "rating:samples", { samples: samples(1, 1) }))).toBe("forbidden");
    const observer = await joinAs(server.url, created.code, "Otto", "observator");
    const ack = await call(observer.socket, "moment:mark", { seq: 1, t: 1, element: "binding" });
    expect(codeOf(ack)).toBe("forbidden");
    if (!ack.ok) expect(ack.error.message).toMatch(/observator/);
    observer.socket.close();
  });
});

describe("flooding", () => {
  it("refuses a flood from one socket with rate_limited; other raters carry on", async () => {
    const flooder = await joinAs(server.url, created.code, "Vera", "arbeidsdeskundige");
    const acks = await Promise.all(Array.from({ length: 150 }, (_, i) => call(flooder.socket, "rating:samples", { samples: samples(i + 1, i + 1) })));
    const codes = acks.map(codeOf);
    expect(codes.filter((c) => c === "rate_limited").length).toBeGreaterThan(50);
    expect(codes.filter((c) => c === "ok").length).toBeGreaterThan(10);
    await carriesOn(4);
    // What was accepted is stored, once; what was refused is not.
    const okSeqs = acks.flatMap((a, i) => (a.ok ? [i + 1] : []));
    const log = readFileSync(path.join(server.dataDir, "sessions", created.sessionId, "ratings.ndjson"), "utf8");
    const stored = log
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { participantId?: string; samples?: [number][] })
      .filter((l) => l.participantId === flooder.participantId)
      .flatMap((l) => l.samples!.map(([seq]) => seq));
    expect(stored).toEqual(okSeqs);
    flooder.socket.close();
  });
});

describe("handshakes from a foreign origin", () => {
  it("are refused; our own origin is let in", async () => {
    await expect(connect(server.url, { extraHeaders: { origin: "https://evil.example" }, reconnection: false })).rejects.toThrow();
    const own = await connect(server.url, { extraHeaders: { origin: server.url } });
    expect(own.connected).toBe(true);
    own.close();
  });
});

describe("HTTP", () => {
  it("401 without the host token, 403 with a wrong one, 404 for an unknown session", async () => {
    const path_ = `/api/sessions/${created.sessionId}`;
    const none = await api(server.url, path_);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await none.json()).error.message).toMatch(/begeleider/);
    expect((await api(server.url, path_, { token: "z".repeat(22) })).status).toBe(403);
    expect((await api(server.url, `/api/sessions/${"q".repeat(22)}`, { token: created.hostToken })).status).toBe(404);
    expect((await api(server.url, path_, { method: "DELETE", token: rater.resumeToken })).status).toBe(403);
    expect((await api(server.url, path_, { token: created.hostToken })).status).toBe(200);
  });

  it("POST /api/sessions validates with Dutch messages and creates nothing on bad input", async () => {
    const before = readdirSync(path.join(server.dataDir, "sessions")).length;
    for (const body of [
      { title: "", source: { kind: "roleplay" }, separateRoles: true, nameDisplay: "namen" },
      { title: "T", source: { kind: "vignette", slug: "bestaat-niet" }, separateRoles: true, nameDisplay: "namen" },
      { title: "T", source: { kind: "podcast" }, separateRoles: true, nameDisplay: "namen" },
      { title: "T", source: { kind: "roleplay" }, separateRoles: true, nameDisplay: "namen", admin: true },
    ]) {
      const res = await api(server.url, "/api/sessions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      expect(res.status).toBe(400);
      const json = await res.json();
      expect(json.error.code).toBe("invalid_payload");
      expect(json.error.message).toMatch(/titel|bibliotheek|Kies|Onbekende|key/i);
    }
    expect(readdirSync(path.join(server.dataDir, "sessions")).length).toBe(before);
  });
});

describe("media upload", () => {
  const wav = () => silentWav();

  it("refuses a file that is not audio or video, whatever its Content-Type says, and keeps nothing", async () => {
    const session = await createSession(server.url, { source: { kind: "media" } });
    const dir = path.join(server.dataDir, "sessions", session.sessionId);
    const res = await api(server.url, `/api/sessions/${session.sessionId}/media`, {
      method: "POST",
      token: session.hostToken,
      headers: { "content-type": "video/mp4" },
      body: "<html><script>alert(1)</script></html>".repeat(100),
    });
    expect(res.status).toBe(415);
    expect((await res.json()).error.message).toMatch(/geen audio- of video-opname/);
    expect(readdirSync(dir).filter((f) => f.startsWith("media-"))).toEqual([]);
    // Without the host token: 401; a vignette session takes no upload.
    expect((await api(server.url, `/api/sessions/${session.sessionId}/media`, { method: "POST", body: wav() })).status).toBe(401);
    expect((await api(server.url, `/api/sessions/${created.sessionId}/media`, { method: "POST", token: created.hostToken, body: wav() })).status).toBe(409);
  });

  it("takes real audio, streams it to participants with Range support, and DELETE removes it all", async () => {
    const session = await createSession(server.url, { source: { kind: "media" } });
    const sessionHost = await joinHost(server.url, session);
    const viewer = await joinAs(server.url, session.code, "Pim", "arbeidsdeskundige");
    const announced = next(viewer.socket, "session:state", (s) => Boolean(s.source.mediaUrl));
    const upload = await api(server.url, `/api/sessions/${session.sessionId}/media?duration=1`, {
      method: "POST",
      token: session.hostToken,
      headers: { "content-type": "application/octet-stream" },
      body: wav(),
    });
    expect(upload.status).toBe(201);
    const state = await announced;
    expect(state.source.mediaType).toBe("audio/wav");
    expect(state.duration).toBe(1);
    const url = state.source.mediaUrl!;

    const full = await fetch(`${server.url}${url}`);
    expect(full.status).toBe(200);
    expect(full.headers.get("content-type")).toBe("audio/wav");
    expect(full.headers.get("accept-ranges")).toBe("bytes");
    expect(Buffer.from(await full.arrayBuffer()).equals(Buffer.from(wav()))).toBe(true);
    const part = await fetch(`${server.url}${url}`, { headers: { range: "bytes=0-3" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 0-3/${wav().length}`);
    expect(await part.text()).toBe("RIFF");
    expect((await fetch(`${server.url}${url}`, { headers: { range: "bytes=99999-" } })).status).toBe(416);
    expect((await fetch(`${server.url}/api/sessions/${session.sessionId}/media`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/sessions/${session.sessionId}/media?key=${"k".repeat(22)}`)).status).toBe(403);

    // A time after the recording's end is out of range now.
    await must(sessionHost.socket, "session:phase", { phase: "briefing" });
    await must(sessionHost.socket, "session:phase", { phase: "live" });
    expect(codeOf(await call(sessionHost.socket, "session:clock", { action: "seek", t: 2 }))).toBe("out_of_range");

    const dir = path.join(server.dataDir, "sessions", session.sessionId);
    expect(existsSync(dir)).toBe(true);
    const told = next(viewer.socket, "session:removed");
    expect((await api(server.url, `/api/sessions/${session.sessionId}`, { method: "DELETE", token: session.hostToken })).status).toBe(204);
    expect((await told).message).toMatch(/verwijderd/);
    expect(existsSync(dir)).toBe(false);
    expect((await fetch(`${server.url}${url}`)).status).toBe(404);
    expect((await api(server.url, `/api/sessions/${session.sessionId}`, { token: session.hostToken })).status).toBe(404);
    const socket = await connect(server.url);
    expect(codeOf(await call(socket, "session:join", { code: session.code, hostToken: session.hostToken }))).toBe("not_found");
    socket.close();
    sessionHost.socket.close();
  });
});

describe("guessing", () => {
  it("join codes: after 10 failed attempts from one address, joins are refused for a while", async () => {
    const own = await startTestServer();
    try {
      const session = await createSession(own.url);
      const socket = await connect(own.url);
      const wrong = Array.from({ length: 10 }, (_, i) => `ACD2${"3469"[i % 4]}${"ACDEFHJKMN"[i]}`).filter((c) => c !== session.code);
      for (const code of wrong) expect(codeOf(await call(socket, "session:join", { code, name: "Gok", role: "observator" }))).toBe("not_found");
      const limited = await call(socket, "session:join", { code: session.code, name: "Gok", role: "observator" });
      expect(codeOf(limited)).toBe("rate_limited");
      if (!limited.ok) expect(limited.error.message).toMatch(/onjuiste codes/);
      socket.close();
    } finally {
      await own.close();
    }
  });

  it("creating sessions is rate-limited per address", async () => {
    const own = await startTestServer();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await api(own.url, "/api/sessions", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ title: `S${i}`, source: { kind: "roleplay" }, separateRoles: true, nameDisplay: "pseudoniemen" }),
        });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
    } finally {
      await own.close();
    }
  });
});
