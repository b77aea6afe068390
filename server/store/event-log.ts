// An append-only NDJSON log with group commit: records handed to `append` are written together and
// are on disk before their promises resolve, so whoever awaits `append` may say "stored".
//
// Cost of a commit: the new lines go into the data folder's journal, in one write synchronous to
// the disk that the commits of every other log in the same turn share, and then into this file at
// their offset, without a sync of their own (server/store/journal.ts). Whatever the file's length
// and however many other logs are open. While a commit is in flight, new records queue for the next
// one, so under load many records share one commit (docs/decisions/002-live-storage.md,
// 029-shared-journal.md).
import { close, constants, existsSync, fdatasync, open, write } from "node:fs";
import { type FileHandle, open as openFile, truncate } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { describeZodError } from "../../app/core/zod-errors";
import { GroupCommitter, syncPath } from "./group-commit";
import { StoreError } from "./json-doc";
import type { Journal, JournalLog } from "./journal";

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

/** Opened for positional writes (no O_APPEND: Linux would ignore the offset) and without a sync of its own. */
const WRITE = constants.O_WRONLY | constants.O_CREAT;

/** The callback forms of open/write/fdatasync/close: a promise each, without FileHandle's extra work per call. */
const openForWrite = (file: string) => new Promise<number>((resolve, reject) => open(file, WRITE, 0o666, (e, fd) => (e ? reject(e) : resolve(fd))));
const writeSomeAt = (fd: number, buffer: Buffer, offset: number, position: number) =>
  new Promise<number>((resolve, reject) => write(fd, buffer, offset, buffer.length - offset, position, (e, n) => (e ? reject(e) : resolve(n))));
const datasync = (fd: number) => new Promise<void>((resolve, reject) => fdatasync(fd, (e) => (e ? reject(e) : resolve())));
const closeFd = (fd: number) => new Promise<void>((resolve, reject) => close(fd, (e) => (e ? reject(e) : resolve())));

export class EventLog<T> implements JournalLog {
  readonly #file: string;
  readonly #fd: number;
  readonly #journal: Journal;
  readonly #committer: GroupCommitter;
  #pending: string[] = [];
  #failure: unknown = null;
  /** Where the next line goes: the file's length once every commit so far is written. */
  #size: number;
  #closing: Promise<void> | null = null;
  #syncing: Promise<void> | null = null;
  #appends = 0;

  private constructor(file: string, fd: number, size: number, journal: Journal) {
    this.#file = file;
    this.#fd = fd;
    this.#size = size;
    this.#journal = journal;
    this.#committer = new GroupCommitter(() => this.#flush());
  }

  get file(): string {
    return this.#file;
  }

  /** Counts the appends: a read made at the same count holds the same records. */
  get appends(): number {
    return this.#appends;
  }

  /**
   * Opens (creating if absent) a log for appending through `journal`, after reading and repairing
   * it. The journal must have been opened (and so have replayed a crash's leftovers) first.
   */
  static async open<T>(file: string, schema: z.ZodType<T>, journal: Journal): Promise<{ log: EventLog<T> } & LogContents<T>> {
    const existed = existsSync(file);
    const contents = await readLog(file, schema);
    if (contents.truncatedBytes > 0) {
      await truncate(file, contents.validBytes);
      await syncPath(file);
    }
    const fd = await openForWrite(file);
    if (!existed) await syncPath(path.dirname(file));
    return { log: new EventLog<T>(file, fd, contents.validBytes, journal), records: contents.records, truncatedBytes: contents.truncatedBytes };
  }

  /** Resolves once the records are on disk (in the journal, synchronously, and in this file). */
  append(records: readonly T[]): Promise<void> {
    if (this.#closing) return Promise.reject(new Error(`${this.#file} is gesloten`));
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
    const offset = this.#size;
    try {
      await this.#journal.commit(this, offset, buffer, records);
      this.#size = offset + buffer.length;
    } catch (error) {
      // What reached the file is unknown now: refuse further appends until the log is reopened,
      // which reads back what is really there.
      this.#failure = error;
      throw error;
    }
  }

  /** For the journal: the bytes of one commit, at their place in the file. */
  async writeAt(data: Buffer, offset: number): Promise<void> {
    let written = 0;
    while (written < data.length) written += await writeSomeAt(this.#fd, data, written, offset + written);
  }

  /** For the journal's checkpoint: syncs the file (not after close: close syncs it itself). */
  syncForJournal(): Promise<void> {
    if (this.#closing) return this.#closing;
    this.#syncing = datasync(this.#fd).finally(() => (this.#syncing = null));
    return this.#syncing;
  }

  /**
   * Writes what is still pending, syncs and closes. Rejects when that fails (a write that failed
   * earlier and was not repaired counts too): what was pending may not be on disk. Once the file is
   * synced the journal lets go of what it held for it, even after a failed write: what that write
   * left in the file was never acked, and the next open reads back what is there.
   */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    let failure: unknown = null;
    try {
      await this.barrier();
    } catch (error) {
      failure = error;
    }
    await this.#syncing?.catch(() => undefined);
    try {
      await datasync(this.#fd);
      this.#journal.forget(this);
    } catch (error) {
      failure ??= error;
    }
    await closeFd(this.#fd);
    if (failure) throw failure;
  }
}
