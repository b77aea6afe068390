// An append-only NDJSON log with group commit: records handed to `append` are written together and
// fdatasync'ed before their promises resolve, so whoever awaits `append` may say "stored".
//
// Cost of a commit: one write of the new lines, synchronous to the disk (O_DSYNC: the write returns
// once its data is on disk, as write + fdatasync would, in one system call and one trip to libuv's
// thread pool instead of two), whatever the file's length and however many other logs are open.
// While a commit is in flight, new records queue for the next one, so under load many records share
// one commit (docs/decisions/002-live-storage.md, 027-cpu-per-rater.md).
import { channel } from "node:diagnostics_channel";
import { close, closeSync, constants, existsSync, fdatasync, fsyncSync, open, openSync, write } from "node:fs";
import { type FileHandle, open as openFile, truncate } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { describeZodError } from "../../app/core/zod-errors";
import { StoreError } from "./json-doc";

/** One commit of a log: how long its write + fdatasync took, and how much it carried. */
export interface LogFlush {
  ms: number;
  records: number;
  bytes: number;
}
/**
 * Every commit is published here (server/metrics.ts listens; bench/ reads it). Publishing costs
 * nothing while no one subscribes.
 */
export const logFlushChannel = channel("alliantiekompas:log-flush");

/** Runs `flush` so that every `request()` resolves after a flush that began after it was made. */
export class GroupCommitter {
  #waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  #running = false;
  #scheduled = false;

  constructor(private readonly flush: () => Promise<void>) {}

  request(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ resolve, reject });
      this.#schedule();
    });
  }

  get idle(): boolean {
    return !this.#running && !this.#scheduled && this.#waiting.length === 0;
  }

  #schedule() {
    if (this.#running || this.#scheduled) return;
    this.#scheduled = true;
    // setImmediate: everything requested in the same turn of the event loop shares the commit.
    setImmediate(() => {
      this.#scheduled = false;
      void this.#run();
    });
  }

  async #run() {
    this.#running = true;
    while (this.#waiting.length) {
      const batch = this.#waiting;
      this.#waiting = [];
      try {
        await this.flush();
        for (const w of batch) w.resolve();
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    this.#running = false;
  }
}

/** fsyncs a directory so that a new or renamed entry in it survives a power loss. */
export function fsyncDir(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** How long a log read may hold the event loop before it lets other work run. */
const READ_SLICE_MS = 8;

/** Lets timers and I/O of everything else run before this continues. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface LogContents<T> {
  records: T[];
  /** Bytes of a torn last line that were cut off (0 when the file ended cleanly). */
  truncatedBytes: number;
}

/** A record of the log and the bytes of its line (newline included), to read it again by itself. */
export interface LogLine<T> {
  record: T;
  offset: number;
  length: number;
}

/** How much of a log is read from disk at once: memory held by one streaming read. */
const READ_CHUNK_BYTES = 1 << 20;

/** One line, parsed and validated; `where` names it in the error ("regel 12"). */
function parseLine<T>(file: string, schema: z.ZodType<T>, text: string, where: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new StoreError(file, `${where} is geen geldige JSON (${(error as Error).message})`);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new StoreError(file, `${where} heeft onverwachte inhoud bij ${describeZodError(result.error, "(regel)")}`);
  }
  return result.data;
}

/**
 * Reads and validates the log a chunk at a time, never holding more than a chunk of it, and hands
 * out its lines in slices with the event loop free in between (a million samples is ~40 MB: other
 * rooms' acks go between the slices). A last line without its newline is a write that a crash cut
 * short; it was never acknowledged, so it is dropped (when it looks like the start of one of our
 * lines). Any other bad line, or a tail of NUL bytes, is damage: StoreError. Returns where the
 * valid part ends.
 */
export async function* streamLog<T>(file: string, schema: z.ZodType<T>): AsyncGenerator<LogLine<T>[], { validBytes: number; truncatedBytes: number }> {
  let handle: FileHandle;
  try {
    handle = await openFile(file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { validBytes: 0, truncatedBytes: 0 };
    throw error;
  }
  try {
    let carry = Buffer.alloc(0);
    let carryOffset = 0; // file offset of carry[0]
    let position = 0;
    let line = 0;
    let sliceStarted = performance.now();
    for (;;) {
      const chunk = Buffer.allocUnsafe(READ_CHUNK_BYTES);
      const { bytesRead } = await handle.read(chunk, 0, READ_CHUNK_BYTES, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const buffer = carry.length ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      let start = 0;
      let slice: LogLine<T>[] = [];
      for (;;) {
        const end = buffer.indexOf(0x0a, start);
        if (end === -1) break;
        line++;
        slice.push({ record: parseLine(file, schema, buffer.toString("utf8", start, end), `regel ${line}`), offset: carryOffset + start, length: end + 1 - start });
        start = end + 1;
        if ((line & 255) === 0 && performance.now() - sliceStarted > READ_SLICE_MS) {
          yield slice;
          slice = [];
          await yieldToLoop();
          sliceStarted = performance.now();
        }
      }
      if (slice.length) yield slice;
      carry = Buffer.from(buffer.subarray(start));
      carryOffset += start;
    }
    // A tail without its newline is cut off only when it can be the start of a line we wrote (every
    // record is JSON.stringify of an object, so it begins with "{" and holds no NUL byte). Zeroed
    // blocks or foreign bytes are damage: cutting them could drop acknowledged ratings unseen.
    if (carry.length > 0 && (carry[0] !== 0x7b || carry.includes(0))) {
      throw new StoreError(
        file,
        `na regel ${line} staan ${carry.length} bytes die geen onderbroken schrijfactie van deze server kunnen zijn (${carry.includes(0) ? "nul-bytes" : "onbekende inhoud"}); wie na een crash van de schijf het deel na byte ${carryOffset} wil opgeven, kapt het bestand op ${carryOffset} bytes af`,
      );
    }
    return { validBytes: carryOffset, truncatedBytes: carry.length };
  } finally {
    await handle.close();
  }
}

/** Reads and validates every line into memory (start-up, the reveal); see streamLog for the rules. */
export async function readLog<T>(file: string, schema: z.ZodType<T>): Promise<LogContents<T> & { validBytes: number }> {
  const records: T[] = [];
  const lines = streamLog(file, schema);
  for (;;) {
    const next = await lines.next();
    if (next.done) return { records, ...next.value };
    for (const l of next.value) records.push(l.record);
  }
}

/**
 * Reads the given lines again (from streamLog's offsets, in file order) and validates each: a
 * window of the file at a time, so lines close together cost one read. Yields one slice per window.
 */
export async function* readLogLines<T>(file: string, schema: z.ZodType<T>, spans: readonly { offset: number; length: number }[]): AsyncGenerator<T[]> {
  if (spans.length === 0) return;
  const handle = await openFile(file, "r");
  try {
    let window = Buffer.allocUnsafe(READ_CHUNK_BYTES);
    let i = 0;
    while (i < spans.length) {
      const from = spans[i].offset;
      // Up to the last span that fits in a window (at least one, however long it is).
      let to = from + spans[i].length;
      let j = i + 1;
      while (j < spans.length && spans[j].offset + spans[j].length - from <= READ_CHUNK_BYTES) to = spans[j].offset + spans[j++].length;
      if (to - from > window.length) window = Buffer.allocUnsafe(to - from);
      let filled = 0;
      while (filled < to - from) {
        const { bytesRead } = await handle.read(window, filled, to - from - filled, from + filled);
        if (bytesRead === 0) throw new StoreError(file, `is korter geworden tijdens het lezen (byte ${from + filled})`);
        filled += bytesRead;
      }
      let slice: T[] = [];
      let sliceStarted = performance.now();
      for (; i < j; i++) {
        const at = spans[i].offset - from;
        slice.push(parseLine(file, schema, window.toString("utf8", at, at + spans[i].length - 1), `de regel op byte ${spans[i].offset}`));
        if ((i & 63) === 63 && performance.now() - sliceStarted > READ_SLICE_MS) {
          yield slice;
          slice = [];
          await yieldToLoop();
          sliceStarted = performance.now();
        }
      }
      if (slice.length) yield slice;
    }
  } finally {
    await handle.close();
  }
}

/**
 * O_DSYNC where the platform has it (Linux, macOS); elsewhere every commit ends with an explicit
 * fdatasync instead.
 */
const DSYNC: number = constants.O_DSYNC ?? 0;
const APPEND = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | DSYNC;

/** The callback forms of open/write/fdatasync/close: a promise each, without FileHandle's extra work per call. */
const openAppend = (file: string) => new Promise<number>((resolve, reject) => open(file, APPEND, 0o666, (e, fd) => (e ? reject(e) : resolve(fd))));
const writeSome = (fd: number, buffer: Buffer, offset: number) =>
  new Promise<number>((resolve, reject) => write(fd, buffer, offset, buffer.length - offset, null, (e, n) => (e ? reject(e) : resolve(n))));
const datasync = (fd: number) => new Promise<void>((resolve, reject) => fdatasync(fd, (e) => (e ? reject(e) : resolve())));
const closeFd = (fd: number) => new Promise<void>((resolve, reject) => close(fd, (e) => (e ? reject(e) : resolve())));

export class EventLog<T> {
  readonly #file: string;
  readonly #fd: number;
  readonly #committer: GroupCommitter;
  #pending: string[] = [];
  #failure: unknown = null;
  #closed = false;
  #appends = 0;

  private constructor(file: string, fd: number) {
    this.#file = file;
    this.#fd = fd;
    this.#committer = new GroupCommitter(() => this.#flush());
  }

  get file(): string {
    return this.#file;
  }

  /** Counts the appends: a read made at the same count holds the same records. */
  get appends(): number {
    return this.#appends;
  }

  /** Opens (creating if absent) a log for appending, after reading and repairing it. */
  static async open<T>(file: string, schema: z.ZodType<T>): Promise<{ log: EventLog<T> } & LogContents<T>> {
    const existed = existsSync(file);
    const contents = await readLog(file, schema);
    if (contents.truncatedBytes > 0) {
      await truncate(file, contents.validBytes);
      const fd = openSync(file, "r+");
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    const fd = await openAppend(file);
    if (!existed) fsyncDir(path.dirname(file));
    return { log: new EventLog<T>(file, fd), records: contents.records, truncatedBytes: contents.truncatedBytes };
  }

  /** Resolves once the records are on disk (fdatasync'ed). */
  append(records: readonly T[]): Promise<void> {
    if (this.#closed) return Promise.reject(new Error(`${this.#file} is gesloten`));
    if (this.#failure) return Promise.reject(this.#failure);
    for (const r of records) this.#pending.push(`${JSON.stringify(r)}\n`);
    this.#appends++;
    return this.#committer.request();
  }

  /** Resolves once everything appended before this call is on disk. */
  barrier(): Promise<void> {
    if (this.#committer.idle) return this.#failure ? Promise.reject(this.#failure) : Promise.resolve();
    return this.#committer.request();
  }

  async #flush(): Promise<void> {
    if (this.#failure) throw this.#failure;
    if (this.#pending.length === 0) return;
    const records = this.#pending.length;
    const buffer = Buffer.from(this.#pending.join(""));
    this.#pending = [];
    const started = performance.now();
    try {
      let offset = 0;
      while (offset < buffer.length) offset += await writeSome(this.#fd, buffer, offset);
      if (!DSYNC) await datasync(this.#fd);
      if (logFlushChannel.hasSubscribers) {
        logFlushChannel.publish({ ms: performance.now() - started, records, bytes: buffer.length } satisfies LogFlush);
      }
    } catch (error) {
      // What reached the file is unknown now: refuse further appends until the log is reopened,
      // which reads back what is really there.
      this.#failure = error;
      throw error;
    }
  }

  /**
   * Writes what is still pending, syncs and closes. Rejects when that fails (a write that failed
   * earlier and was not repaired counts too): what was pending may not be on disk.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    let failure: unknown = null;
    try {
      await this.barrier();
      await datasync(this.#fd);
    } catch (error) {
      failure = error;
    }
    this.#closed = true;
    await closeFd(this.#fd);
    if (failure) throw failure;
  }
}
