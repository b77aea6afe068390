import { appendFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { tempDataDir } from "../../tests/support/server";
import { EventLog, readLog } from "./event-log";
import { GroupCommitter } from "./group-commit";
import { Journal } from "./journal";
import { StoreError } from "./json-doc";

const record = z.strictObject({ n: z.number().int() });

/** One journal per folder, as the session store has one per data folder. */
const journals = new Map<string, Promise<Journal>>();
afterEach(async () => {
  for (const j of journals.values()) await (await j).close();
  journals.clear();
});

/** Opens the log through the journal of its folder, as the session store does. */
async function openLog(file: string) {
  const dir = path.dirname(file);
  if (!journals.has(dir)) journals.set(dir, Journal.open(dir).then((o) => o.journal));
  return EventLog.open(file, record, await journals.get(dir)!);
}

describe("EventLog", () => {
  it("appends lines, and reads back what was appended", async () => {
    const file = path.join(tempDataDir(), "log.ndjson");
    const { log, records } = await openLog(file);
    expect(records).toEqual([]);
    await Promise.all([log.append([{ n: 1 }, { n: 2 }]), log.append([{ n: 3 }])]);
    await log.append([{ n: 4 }]);
    await log.close();
    expect(readFileSync(file, "utf8")).toBe('{"n":1}\n{"n":2}\n{"n":3}\n{"n":4}\n');
    const again = await openLog(file);
    expect(again.records.map((r) => r.n)).toEqual([1, 2, 3, 4]);
    await again.log.close();
  });

  it("groups appends that arrive while a commit is in flight into one commit", async () => {
    let flushes = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const committer = new GroupCommitter(async () => {
      flushes++;
      if (flushes === 1) await gate;
    });
    const first = committer.request();
    await new Promise((r) => setImmediate(r));
    const rest = Promise.all(Array.from({ length: 50 }, () => committer.request()));
    release();
    await first;
    await rest;
    expect(flushes).toBe(2);
  });

  it("cuts off a torn last line (a write cut short by a crash) and keeps everything before it", async () => {
    const file = path.join(tempDataDir(), "log.ndjson");
    writeFileSync(file, '{"n":1}\n{"n":2}\n{"n":');
    const { log, records, truncatedBytes } = await openLog(file);
    expect(records.map((r) => r.n)).toEqual([1, 2]);
    expect(truncatedBytes).toBe(5);
    await log.append([{ n: 3 }]);
    await log.close();
    expect(readFileSync(file, "utf8")).toBe('{"n":1}\n{"n":2}\n{"n":3}\n');
  });

  it("refuses a damaged line in the middle with a StoreError naming the file and line", async () => {
    const file = path.join(tempDataDir(), "log.ndjson");
    writeFileSync(file, '{"n":1}\n{"n":\n{"n":3}\n');
    await expect(openLog(file)).rejects.toThrow(StoreError);
    await expect(openLog(file)).rejects.toThrow(/log\.ndjson.*regel 2/);
    writeFileSync(file, '{"n":1}\n{"m":2}\n');
    await expect(readLog(file, record)).rejects.toThrow(/regel 2 heeft onverwachte inhoud/);
    // The damaged file is left as it was, for a person to look at.
    expect(readFileSync(file, "utf8")).toBe('{"n":1}\n{"m":2}\n');
  });

  it("writes only the new lines: the cost of an append does not depend on the length of the file", async () => {
    const file = path.join(tempDataDir(), "log.ndjson");
    appendFileSync(file, '{"n":0}\n'.repeat(200_000));
    const { log } = await openLog(file);
    const before = readFileSync(file).length;
    await log.append([{ n: 1 }]);
    await log.close();
    expect(readFileSync(file).length - before).toBe(8);
  });
});

describe("readLog of a long log", () => {
  it("lets timers run while it parses, and still returns every line in order", async () => {
    const dir = tempDataDir();
    try {
      const file = path.join(dir, "long.ndjson");
      const lines = 300_000;
      writeFileSync(file, Array.from({ length: lines }, (_, n) => `{"n":${n}}\n`).join(""));
      let ticks = 0;
      const timer = setInterval(() => ticks++, 1);
      // The timer's count when the first and the last line were validated.
      const seen: number[] = [];
      const watched = record.refine((r) => {
        if (r.n === 0 || r.n === lines - 1) seen.push(ticks);
        return true;
      });
      const read = await readLog(file, watched).finally(() => clearInterval(timer));
      expect(read.records).toHaveLength(lines);
      expect(read.records[lines - 1]).toEqual({ n: lines - 1 });
      // A parse of this size takes far longer than one 8 ms slice: the timer ran in between.
      expect(seen).toHaveLength(2);
      expect(seen[1]).toBeGreaterThan(seen[0]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
