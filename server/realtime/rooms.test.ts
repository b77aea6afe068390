// The room orchestration without sockets: what happens when a write fails, and what a store
// folder looks like after create, load and delete.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../app/content.server";
import { StoreError } from "../store/json-doc";
import { type RatingRecord, SessionStore } from "../store/sessions";
import { tempDataDir } from "../../tests/support/server";
import { type LiveServer, Rooms } from "./rooms";

const content = loadContent(path.resolve("content"));

/** Socket.IO is not needed here: broadcasts go nowhere. */
const io = { to: () => ({ emit: () => true, volatile: { emit: () => true } }) } as unknown as LiveServer;

class FlakyStore extends SessionStore {
  mode: "ok" | "fail-before-write" | "fail-after-write" = "ok";
  override async append(id: string, records: readonly RatingRecord[]): Promise<void> {
    const mode = this.mode;
    this.mode = "ok";
    if (mode === "fail-before-write") throw new Error("ENOSPC: schijf vol");
    await super.append(id, records);
    if (mode === "fail-after-write") throw new Error("EIO: fsync mislukt");
  }
}

let ids = 0;
async function open(store: SessionStore) {
  return Rooms.open({
    io,
    store,
    content,
    now: () => new Date(1_800_000_000_000),
    newId: () => `id-${String(++ids).padStart(20, "0")}`,
    randomBytes: (n) => Buffer.alloc(n, ids % 22),
    retentionDays: 0,
  });
}

async function liveSession(rooms: Rooms) {
  const created = await rooms.create({ title: "T", source: { kind: "vignette", slug: "bezwaar-fml" }, separateRoles: true, nameDisplay: "namen" }, "k");
  if (!created.ok) throw new Error(created.error.message);
  const room = (await rooms.byId(created.data.sessionId))!;
  const joined = await rooms.execute(room, { type: "join", participantId: "rater-1", resumeTokenHash: "a".repeat(64), name: "R", role: "arbeidsdeskundige" }, { kind: "guest" });
  expect(joined.ok).toBe(true);
  for (const phase of ["briefing", "live"] as const) expect((await rooms.execute(room, { type: "phase", phase }, { kind: "host" })).ok).toBe(true);
  return room;
}

const batch = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ seq: from + i, element: "binding" as const, value: 5, t: from + i }));
const rater = { kind: "participant", participantId: "rater-1" } as const;

function loggedSeqs(store: SessionStore, id: string): number[] {
  return readFileSync(path.join(store.dirOf(id), "ratings.ndjson"), "utf8")
    .split("\n")
    .filter(Boolean)
    .flatMap((l) => (JSON.parse(l).samples ?? []).map(([seq]: [number]) => seq));
}

describe("a failed write", () => {
  it("is answered storage_failed, memory goes back to what is on disk, and the retry stores it once", async () => {
    const store = new FlakyStore(tempDataDir());
    const rooms = await open(store);
    const room = await liveSession(rooms);
    expect((await rooms.execute(room, { type: "samples", samples: batch(1, 5) }, rater)).ok).toBe(true);

    store.mode = "fail-before-write";
    const failed = await rooms.execute(room, { type: "samples", samples: batch(6, 10) }, rater);
    expect(failed.ok || failed.error.code).toBe("storage_failed");
    expect(room.state.live["rater-1"].lastSampleSeq).toBe(5);

    expect((await rooms.execute(room, { type: "samples", samples: batch(6, 10) }, rater)).ok).toBe(true);
    expect(loggedSeqs(store, room.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    await rooms.close();
  });

  it("that did reach the disk is not stored twice when the client retries", async () => {
    const store = new FlakyStore(tempDataDir());
    const rooms = await open(store);
    const room = await liveSession(rooms);
    store.mode = "fail-after-write";
    const failed = await rooms.execute(room, { type: "samples", samples: batch(1, 5) }, rater);
    expect(failed.ok).toBe(false);
    expect(room.state.live["rater-1"].lastSampleSeq).toBe(5);
    const retry = await rooms.execute(room, { type: "samples", samples: batch(1, 5) }, rater);
    expect(retry.ok && retry.value.events).toEqual([]);
    expect(loggedSeqs(store, room.id)).toEqual([1, 2, 3, 4, 5]);
    await rooms.close();
  });
});

describe("the session folders", () => {
  it("are found again at start, with their ratings; a delete removes everything", async () => {
    const dataDir = tempDataDir();
    const store = new SessionStore(dataDir);
    const rooms = await open(store);
    const room = await liveSession(rooms);
    await rooms.execute(room, { type: "samples", samples: batch(1, 3) }, rater);
    writeFileSync(path.join(store.dirOf(room.id), "media-abandonedupload000000"), "half an upload");
    await rooms.close();

    const store2 = new SessionStore(dataDir);
    const again = await open(store2);
    const back = (await again.byCode(room.state.doc.code))!;
    expect(back.state.doc.phase).toBe("live");
    expect(back.state.live["rater-1"].lastSampleSeq).toBe(3);
    // An upload the document does not know was removed.
    expect(readdirSync(store2.dirOf(room.id))).toEqual(expect.not.arrayContaining(["media-abandonedupload000000"]));
    await again.delete(back);
    expect(existsSync(store2.dirOf(room.id))).toBe(false);
    expect(await again.byId(room.id)).toBeUndefined();
    await again.close();
  });

  it("keep the results as revealed; a results file that is not the results stops its session on first use (not the start), naming the file and the field", async () => {
    const dataDir = tempDataDir();
    const store = new SessionStore(dataDir);
    const rooms = await open(store);
    const room = await liveSession(rooms);
    await rooms.execute(room, { type: "samples", samples: batch(1, 3) }, rater);
    expect((await rooms.execute(room, { type: "phase", phase: "final" }, { kind: "host" })).ok).toBe(true);
    const revealed = await rooms.reveal(room, { kind: "host" });
    if (!revealed.ok) throw new Error(revealed.error.message);
    expect(revealed.value.results.elements.find((e) => e.elementId === "binding")?.timeline.raters).toBe(1);
    await rooms.close();

    const again = await open(new SessionStore(dataDir));
    expect(await again.ensureResults((await again.byId(room.id))!)).toEqual(JSON.parse(JSON.stringify(revealed.value.results)));
    await again.close();

    const file = path.join(store.dirOf(room.id), "results.json");
    const stored = JSON.parse(readFileSync(file, "utf8"));
    stored.results.timeline.binSeconds = "5";
    writeFileSync(file, JSON.stringify(stored));
    const started = await open(new SessionStore(dataDir));
    const use = started.byId(room.id);
    await expect(use).rejects.toThrow(StoreError);
    await expect(use).rejects.toThrow(`${file} is onbruikbaar: onverwachte inhoud bij results.timeline.binSeconds: `);
    await started.close();
  });

  it("a folder with data but no session document stops the start; an empty one is cleaned up", async () => {
    const dataDir = tempDataDir();
    const empty = path.join(dataDir, "sessions", "leeg-0000000000000000");
    mkdirSync(empty, { recursive: true });
    // What a create cut short leaves: the empty log it opens before the document's first write.
    const cutShort = path.join(dataDir, "sessions", "half-0000000000000000");
    mkdirSync(cutShort, { recursive: true });
    writeFileSync(path.join(cutShort, "ratings.ndjson"), "");
    mkdirSync(path.join(dataDir, "sessions", ".trash-oud-000000000000000"), { recursive: true });
    await (await open(new SessionStore(dataDir))).close();
    expect(readdirSync(path.join(dataDir, "sessions"))).toEqual([]);

    const orphan = path.join(dataDir, "sessions", "wees-0000000000000000");
    mkdirSync(orphan, { recursive: true });
    writeFileSync(path.join(orphan, "ratings.ndjson"), `${JSON.stringify({ type: "moment", at: 1, moment: { participantId: "p1", seq: 1, t: 1, element: "binding" } })}\n`);
    await expect(open(new SessionStore(dataDir))).rejects.toThrow(StoreError);
    await expect(open(new SessionStore(dataDir))).rejects.toThrow(/wees-0000000000000000.*session\.json/);
  });
});
