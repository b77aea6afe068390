import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { crc32 } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { tempDataDir } from "../../tests/support/server";
import { EventLog } from "./event-log";
import { type LogFlush, logFlushChannel } from "./group-commit";
import { StoreError } from "./json-doc";
import { Journal, type JournalLog } from "./journal";

const record = z.strictObject({ n: z.number().int() });
type Rec = z.infer<typeof record>;

const journals: Journal[] = [];
const logs: EventLog<Rec>[] = [];
afterEach(async () => {
  for (const l of logs.splice(0)) await l.close().catch(() => undefined);
  for (const j of journals.splice(0)) await j.close();
});

async function openJournal(dataDir: string, options = {}) {
  const opened = await Journal.open(dataDir, options);
  journals.push(opened.journal);
  return opened;
}

/** A session-like folder with a log in it, opened through `journal`. */
async function openLog(dataDir: string, name: string, journal: Journal) {
  mkdirSync(path.join(dataDir, "sessions", name), { recursive: true });
  const { log } = await EventLog.open(path.join(dataDir, "sessions", name, "ratings.ndjson"), record, journal);
  logs.push(log);
  return log;
}

const lines = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `{"n":${from + i}}\n`).join("");
const journalFiles = (dataDir: string) => readdirSync(path.join(dataDir, "journal")).sort();
/** The journal files holding anything (the next file is made ahead of time, empty). */
const usedJournalFiles = (dataDir: string) => journalFiles(dataDir).filter((f) => statSync(path.join(dataDir, "journal", f)).size > 0);

/** A log of our own for the journal: writes into `file` as EventLog does, syncs as `sync` says. */
function fileLog(file: string, sync: () => Promise<void>): JournalLog {
  return {
    file,
    writeAt: async (data, offset) => {
      const fd = openSync(file, "r+");
      writeSync(fd, data, 0, data.length, offset);
      closeSync(fd);
    },
    syncForJournal: sync,
  };
}

/** A journal entry made by hand, as the journal writes one. */
function entry(name: string, offset: number, data: string): Buffer {
  const bytes = Buffer.from(data);
  const crc = crc32(bytes, crc32(`${name} ${offset} ${bytes.length}`)).toString(16).padStart(8, "0");
  return Buffer.concat([Buffer.from(`${crc} ${name} ${offset} ${bytes.length}\n`), bytes]);
}

describe("Journal", () => {
  it("writes the commits of every log in the same turn in one journal write, then into each log", async () => {
    const dir = tempDataDir();
    const { journal } = await openJournal(dir);
    const all = await Promise.all(["a".repeat(16), "b".repeat(16), "c".repeat(16)].map((n) => openLog(dir, n, journal)));
    const flushes: LogFlush[] = [];
    const listen = (m: unknown) => flushes.push(m as LogFlush);
    subscribe(logFlushChannel.name, listen);
    try {
      await Promise.all(all.map((log, i) => log.append([{ n: i }, { n: i + 10 }])));
    } finally {
      unsubscribe(logFlushChannel.name, listen);
    }
    expect(flushes).toHaveLength(1);
    expect(flushes[0].records).toBe(6);
    all.forEach((log, i) => expect(readFileSync(log.file, "utf8")).toBe(`{"n":${i}}\n{"n":${i + 10}}\n`));
  });

  it("after a power loss that lost the logs' unsynced writes, puts every acked line back from the journal", async () => {
    const dir = tempDataDir();
    const { journal } = await openJournal(dir);
    const a = await openLog(dir, "a".repeat(16), journal);
    const b = await openLog(dir, "b".repeat(16), journal);
    for (let i = 1; i <= 20; i++) await Promise.all([a.append([{ n: i }]), b.append([{ n: 100 + i }, { n: 200 + i }])]);
    // The disk as a power loss could leave it: the journal is synced, the logs' last writes are not.
    const crash = tempDataDir("ak-crash-");
    cpSync(dir, crash, { recursive: true });
    const aFile = path.join(crash, "sessions", "a".repeat(16), "ratings.ndjson");
    const bFile = path.join(crash, "sessions", "b".repeat(16), "ratings.ndjson");
    truncateSync(aFile, 0);
    writeFileSync(bFile, readFileSync(bFile).subarray(0, 50)); // half a line left

    const left = journalFiles(crash);
    const { recovered } = await openJournal(crash);
    expect(recovered.logs.sort()).toEqual([`sessions/${"a".repeat(16)}/ratings.ndjson`, `sessions/${"b".repeat(16)}/ratings.ndjson`]);
    expect(recovered.tornBytes).toBe(0);
    expect(readFileSync(aFile, "utf8")).toBe(lines(1, 20));
    expect(readFileSync(bFile, "utf8")).toBe(Array.from({ length: 20 }, (_, i) => `{"n":${101 + i}}\n{"n":${201 + i}}\n`).join(""));
    // The journal files it replayed are gone, and a new one is started.
    expect(journalFiles(crash).filter((f) => left.includes(f))).toEqual([]);
    expect(journalFiles(crash)).toContain(`${String(Number(left.at(-1)!.slice(0, 10)) + 1).padStart(10, "0")}.wal`);
  });

  it("ignores a write a crash cut short at the end of a journal file (never acked), and keeps every whole entry", async () => {
    const dir = tempDataDir();
    const name = `sessions/${"a".repeat(16)}/ratings.ndjson`;
    mkdirSync(path.join(dir, "sessions", "a".repeat(16)), { recursive: true });
    writeFileSync(path.join(dir, name), "");
    mkdirSync(path.join(dir, "journal"));
    const whole = Buffer.concat([entry(name, 0, lines(1, 2)), entry(name, 16, lines(3, 3))]);
    const torn = entry(name, 24, lines(4, 6));
    for (const [cut, what] of [
      [torn.subarray(0, 20), "half a header"],
      [torn.subarray(0, torn.length - 3), "the bytes cut short"],
      [Buffer.concat([torn.subarray(0, torn.length - 8), Buffer.alloc(8)]), "zeroed last block"],
      [Buffer.alloc(4096), "a block of NUL bytes"],
    ] as const) {
      writeFileSync(path.join(dir, "journal", "0000000007.wal"), Buffer.concat([whole, cut]));
      const { journal, recovered } = await Journal.open(dir);
      await journal.close();
      expect(recovered.tornBytes, what).toBe(cut.length);
      expect(readFileSync(path.join(dir, name), "utf8"), what).toBe(lines(1, 3));
    }
    // Nothing is left in the journal after a close.
    expect(journalFiles(dir)).toEqual([]);
  });

  it("replays in order: a later entry at a lower offset (after a failed write was cut off) ends the log", async () => {
    const dir = tempDataDir();
    const name = `sessions/${"a".repeat(16)}/ratings.ndjson`;
    mkdirSync(path.join(dir, "sessions", "a".repeat(16)), { recursive: true });
    writeFileSync(path.join(dir, name), lines(1, 1) + '{"n":9'); // a failed write's remains
    mkdirSync(path.join(dir, "journal"));
    writeFileSync(path.join(dir, "journal", "0000000001.wal"), Buffer.concat([entry(name, 0, lines(1, 1)), entry(name, 8, '{"n":99}\n{"n":100}\n')]));
    writeFileSync(path.join(dir, "journal", "0000000002.wal"), entry(name, 8, lines(2, 2)));
    const { recovered } = await openJournal(dir);
    expect(recovered.entries).toBe(3);
    expect(readFileSync(path.join(dir, name), "utf8")).toBe(lines(1, 2));
    expect(journalFiles(dir)[0]).toBe("0000000003.wal");
  });

  it("drops the entries of a session deleted before the crash instead of bringing it back", async () => {
    const dir = tempDataDir();
    mkdirSync(path.join(dir, "journal"), { recursive: true });
    writeFileSync(path.join(dir, "journal", "0000000001.wal"), entry(`sessions/${"g".repeat(16)}/ratings.ndjson`, 0, lines(1, 2)));
    const { recovered } = await openJournal(dir);
    expect(recovered).toMatchObject({ entries: 0, skipped: 1, logs: [] });
    expect(existsSync(path.join(dir, "sessions"))).toBe(false);
  });

  it("refuses to start on a whole entry naming a file outside the data folder, and leaves the journal as it was", async () => {
    const dir = tempDataDir();
    mkdirSync(path.join(dir, "journal"), { recursive: true });
    const bad = entry("../buiten/ratings.ndjson", 0, lines(1, 1));
    writeFileSync(path.join(dir, "journal", "0000000001.wal"), bad);
    await expect(Journal.open(dir)).rejects.toThrow(StoreError);
    await expect(Journal.open(dir)).rejects.toThrow(/0000000001\.wal.*buiten/);
    expect(readFileSync(path.join(dir, "journal", "0000000001.wal"))).toEqual(bad);
  });

  it("a checkpoint syncs the logs the older files wrote to and removes those files; close removes the last", async () => {
    const dir = tempDataDir();
    const { journal } = await openJournal(dir, { checkpointBytes: 200, settleMs: 0 });
    const a = await openLog(dir, "a".repeat(16), journal);
    for (let i = 1; i <= 40; i++) await a.append([{ n: i }]);
    // 40 commits of ~60 journal bytes each: a new file every few commits, the old ones removed.
    expect(journal.files).toBeLessThanOrEqual(2);
    await journal.checkpoint();
    expect(journal.files).toBe(1);
    expect(usedJournalFiles(dir)).toEqual([]);
    expect(readFileSync(a.file, "utf8")).toBe(lines(1, 40));
    await a.close();
    await journal.close();
    expect(journalFiles(dir)).toEqual([]);
  });

  it("lets an old file rest before syncing its logs (the kernel writes them back meanwhile), and close does not wait for that", async () => {
    const dir = tempDataDir();
    const { journal } = await openJournal(dir, { settleMs: 60_000 });
    const file = path.join(dir, "log.ndjson");
    writeFileSync(file, "");
    let syncs = 0;
    const counted = fileLog(file, async () => void syncs++);
    await journal.commit(counted, 0, Buffer.from(lines(1, 1)), 1);
    journal.rotate();
    await expect.poll(() => journal.files).toBe(2);
    expect(syncs).toBe(0);
    // Closing ends the rest at once (well within the test's timeout, far below the 60 s): the log
    // is synced, and nothing is left in the journal.
    journals.splice(journals.indexOf(journal), 1);
    await journal.close();
    expect(syncs).toBe(1);
    expect(journalFiles(dir)).toEqual([]);
  });

  it("after a session is deleted, a checkpoint leaves none of its ratings in the journal", async () => {
    const dir = tempDataDir();
    const { journal } = await openJournal(dir, { settleMs: 0 });
    const gone = await openLog(dir, "d".repeat(16), journal);
    const stays = await openLog(dir, "e".repeat(16), journal);
    await Promise.all([gone.append([{ n: 4242 }]), stays.append([{ n: 7 }])]);
    const inJournal = () => journalFiles(dir).map((f) => readFileSync(path.join(dir, "journal", f), "utf8")).join("");
    expect(inJournal()).toContain('{"n":4242}');
    // As SessionStore.delete does: close the log, remove the folder, move on to a new journal file.
    await gone.close();
    rmSync(path.dirname(gone.file), { recursive: true });
    await journal.checkpoint();
    expect(inJournal()).not.toContain("4242");
    await stays.append([{ n: 8 }]);
    expect(readFileSync(stays.file, "utf8")).toBe(lines(7, 8));
  });

  it("a log whose own write fails is refused on its own; the other logs in the same journal write are stored", async () => {
    const dir = tempDataDir();
    const { journal } = await openJournal(dir);
    const good = await openLog(dir, "a".repeat(16), journal);
    const failing: JournalLog = {
      file: path.join(dir, "sessions", "f".repeat(16), "ratings.ndjson"),
      writeAt: () => Promise.reject(Object.assign(new Error("EFBIG"), { code: "EFBIG" })),
      syncForJournal: () => Promise.resolve(),
    };
    const [ok, refused] = await Promise.allSettled([good.append([{ n: 1 }]), journal.commit(failing, 0, Buffer.from(lines(5, 5)), 1)]);
    expect(ok.status).toBe("fulfilled");
    expect(refused).toMatchObject({ status: "rejected", reason: { code: "EFBIG" } });
    expect(readFileSync(good.file, "utf8")).toBe(lines(1, 1));
    journal.forget(failing);
  });

  it("after close, a journal file kept for a log that could not be synced is replayed at the next open", async () => {
    const dir = tempDataDir();
    const { journal } = await openJournal(dir, { settleMs: 0 });
    mkdirSync(path.join(dir, "sessions", "k".repeat(16)), { recursive: true });
    const file = path.join(dir, "sessions", "k".repeat(16), "ratings.ndjson");
    writeFileSync(file, "");
    // Written, but (as after an I/O error) the file cannot be synced.
    const unsyncable = fileLog(file, () => Promise.reject(Object.assign(new Error("EIO"), { code: "EIO" })));
    await journal.commit(unsyncable, 0, Buffer.from(lines(1, 3)), 3);
    await journal.checkpoint();
    await journal.close();
    journals.splice(journals.indexOf(journal), 1);
    expect(journalFiles(dir)).toHaveLength(2); // the file with the entry, and the (empty) one after it
    truncateSync(file, 0); // what a power loss could do to the unsynced log
    const { recovered } = await openJournal(dir);
    expect(recovered.entries).toBe(1);
    expect(readFileSync(file, "utf8")).toBe(lines(1, 3));
  });
});
