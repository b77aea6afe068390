// Retention: sessions whose last activity is more than RETENTION_DAYS ago are deleted with all their
// files (document, log, results, upload); everything more recent stays, and 0 keeps everything.
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../app/content.server";
import { tempDataDir } from "../../tests/support/server";
import { SessionStore } from "../store/sessions";
import { lastActivity, type LiveServer, Rooms } from "./rooms";

const content = loadContent(path.resolve("content"));
const io = { to: () => ({ emit: () => true, volatile: { emit: () => true } }) } as unknown as LiveServer;
const DAY = 24 * 3600 * 1000;
const T0 = Date.UTC(2030, 0, 1);

let ids = 0;
function open(store: SessionStore, clock: { now: number }, retentionDays: number) {
  return Rooms.open({
    io,
    store,
    content,
    now: () => new Date(clock.now),
    newId: () => `purge-${String(++ids).padStart(20, "0")}`,
    randomBytes: (n) => Buffer.from(Array.from({ length: n }, (_, i) => (ids * 7 + i * 13) % 256)),
    retentionDays,
  });
}

async function create(rooms: Rooms, title: string, kind: "roleplay" | "media" = "roleplay") {
  const created = await rooms.create({ title, source: { kind }, separateRoles: true, nameDisplay: "namen" }, `k-${title}`);
  if (!created.ok) throw new Error(created.error.message);
  return (await rooms.byId(created.data.sessionId))!;
}

describe("purgeExpired", () => {
  it("deletes what is older than the retention period with all its files, and keeps the rest", async () => {
    const dataDir = tempDataDir();
    const store = new SessionStore(dataDir);
    const clock = { now: T0 };
    const rooms = await open(store, clock, 30);

    const old = await create(rooms, "oud", "media");
    // An upload and results sit in the same folder and must go with it.
    writeFileSync(path.join(store.dirOf(old.id), "results.json"), "{}");
    const media = "media-oudeopname0000000000";
    writeFileSync(store.mediaPath(old.id, media), "RIFF");
    const uploaded = await rooms.execute(old, { type: "media", media: { file: media, type: "audio/wav", size: 4, key: "k".repeat(22), uploadedAt: T0 }, duration: null }, { kind: "host" });
    expect(uploaded.ok).toBe(true);
    expect(readdirSync(store.dirOf(old.id))).toEqual(expect.arrayContaining([media, "results.json", "session.json", "ratings.ndjson"]));

    clock.now = T0 + 10 * DAY;
    const used = await create(rooms, "later gebruikt");
    clock.now = T0 + 10 * DAY + 1;
    const prepared = await create(rooms, "voorbereid");

    // Prepared long ago, used recently: counts from its last activity.
    clock.now = T0 + 35 * DAY;
    expect((await rooms.execute(prepared, { type: "phase", phase: "briefing" }, { kind: "host" })).ok).toBe(true);

    clock.now = T0 + 41 * DAY;
    expect(await rooms.purgeExpired()).toBe(2);
    expect(await rooms.byId(old.id)).toBeUndefined();
    expect(await rooms.byId(used.id)).toBeUndefined();
    expect(existsSync(store.dirOf(old.id))).toBe(false);
    expect(existsSync(store.dirOf(used.id))).toBe(false);
    expect(await rooms.byId(prepared.id)).toBe(prepared);
    expect(await rooms.byCode(prepared.state.doc.code)).toBe(prepared);
    expect(readdirSync(store.root)).toEqual([prepared.id]);
    await rooms.close();
  });

  it("runs at start: a server that was off for weeks purges before it serves", async () => {
    const dataDir = tempDataDir();
    const clock = { now: T0 };
    const first = await open(new SessionStore(dataDir), clock, 30);
    const expired = await create(first, "verlopen");
    clock.now = T0 + 20 * DAY;
    const recent = await create(first, "recent");
    await first.close();

    clock.now = T0 + 30 * DAY + 1;
    const again = await open(new SessionStore(dataDir), clock, 30);
    expect(await again.byId(expired.id)).toBeUndefined();
    expect((await again.byId(recent.id))?.state.doc.title).toBe("recent");
    expect(readdirSync(path.join(dataDir, "sessions"))).toEqual([recent.id]);
    await again.close();
  });

  it("keeps everything with RETENTION_DAYS=0, and a session exactly at the limit stays", async () => {
    const clock = { now: T0 };
    const keep = await open(new SessionStore(tempDataDir()), clock, 0);
    const a = await create(keep, "a");
    clock.now = T0 + 1000 * DAY;
    expect(await keep.purgeExpired()).toBe(0);
    expect(await keep.byId(a.id)).toBe(a);
    await keep.close();

    clock.now = T0;
    const limit = await open(new SessionStore(tempDataDir()), clock, 30);
    const b = await create(limit, "b");
    clock.now = T0 + 30 * DAY;
    expect(await limit.purgeExpired()).toBe(0);
    clock.now += 1;
    expect(await limit.purgeExpired()).toBe(1);
    expect(await limit.byId(b.id)).toBeUndefined();
    await limit.close();
  });
});

describe("lastActivity", () => {
  it("is the latest of creation, joins, phase changes and clock moves", async () => {
    const clock = { now: T0 };
    const rooms = await open(new SessionStore(tempDataDir()), clock, 0);
    const room = await create(rooms, "x");
    expect(lastActivity(room.state.doc)).toBe(T0);
    clock.now = T0 + 5;
    await rooms.execute(room, { type: "join", participantId: "p1", resumeTokenHash: "a".repeat(64), name: "A", role: "observator" }, { kind: "guest" });
    expect(lastActivity(room.state.doc)).toBe(T0 + 5);
    clock.now = T0 + 9;
    await rooms.execute(room, { type: "phase", phase: "briefing" }, { kind: "host" });
    expect(lastActivity(room.state.doc)).toBe(T0 + 9);
    clock.now = T0 + 12;
    expect((await rooms.execute(room, { type: "clock", action: "seek", t: 3 }, { kind: "host" })).ok).toBe(true);
    expect(lastActivity(room.state.doc)).toBe(T0 + 12);
    await rooms.close();
  });
});
