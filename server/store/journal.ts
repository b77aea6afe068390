// One write-ahead journal for every rating log of a data folder (docs/decisions/029-shared-journal.md).
//
// A commit of a rating log used to be one synchronous write per log: with 150 rooms that is 150
// disk syncs per turn of the event loop, and the disk, not the CPU, set the tail of the acks. Now
// the new lines of every log that commits in the same turn go into one journal write, synchronous
// to the disk (O_DSYNC), and only then into the logs themselves, without a sync: one disk sync per
// turn for all rooms. An ack still means "on disk": in the journal, and in the log's file as the
// operating system holds it (so every reader, a backup too, sees it).
//
// A journal file is removed once every log it wrote to has been synced since ("checkpoint"): every
// 30 s or 16 MB the journal starts a new file and syncs, one at a time, the logs the old file
// wrote to. After a crash, `open` first writes every entry of the remaining files into its log, at
// the byte offset it had, in order, cuts the log after the last entry, syncs it and removes the
// journal files. Writing the same bytes at the same offset again changes nothing, so a replay may
// itself be cut short and run again.
//
// An entry: one header line `<crc32 hex> <file relative to the data folder> <offset> <length>\n`,
// then the `length` bytes. The crc covers the header's other fields and the bytes. An entry that is
// incomplete or fails its crc ends the file: only the last write can have been cut short (after a
// failed write the journal goes on in a new file), and that write was never acknowledged.
import { close, closeSync, constants, existsSync, fdatasync, fdatasyncSync, fsync, ftruncateSync, mkdirSync, open, openSync, readdirSync, rmSync, unlinkSync, write, writeSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { crc32 } from "node:zlib";
import { GroupCommitter, fsyncDir, type LogFlush, logFlushChannel } from "./group-commit";
import { StoreError } from "./json-doc";

/** A log the journal writes for: it puts the bytes into its own file, and syncs that file. */
export interface JournalLog {
  /** Absolute path of the log's file. */
  readonly file: string;
  /** Writes `data` at `offset` of the log's file (no sync). */
  writeAt(data: Buffer, offset: number): Promise<void>;
  /** fdatasyncs the log's file; rejects when it cannot (a log closed without its last sync). */
  syncForJournal(): Promise<void>;
}


export interface JournalOptions {
  /** Start a new journal file after this many bytes (default 16 MiB)… */
  checkpointBytes?: number;
  /** …or after this long (default 30 s). */
  checkpointMs?: number;
}

/** What `open` found and replayed from a previous run that did not close. */
export interface JournalRecovery {
  files: number;
  entries: number;
  /** Logs written again (relative to the data folder). */
  logs: string[];
  /** Bytes after the last whole entry of a journal file: a write a crash cut short, never acked. */
  tornBytes: number;
  /** Entries for a session that no longer exists (deleted before the crash): not written. */
  skipped: number;
}

interface Entry {
  log: JournalLog;
  name: string;
  offset: number;
  data: Buffer;
  records: number;
  written: Promise<void> | null;
}

interface Generation {
  number: number;
  file: string;
  /** Logs this file wrote to that have not been synced since. */
  dirty: Set<JournalLog>;
}

const DSYNC: number = constants.O_DSYNC ?? 0;
const CREATE = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_EXCL | DSYNC;
const FILE_NAME = /^(\d{10})\.wal$/;
const HEADER = /^([0-9a-f]{8}) (\S+) (\d+) (\d+)$/;
/** What a journal entry may name: a relative path inside the data folder, nothing else. */
const SAFE_NAME = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;

const openFd = (file: string, flags: number) => new Promise<number>((resolve, reject) => open(file, flags, 0o666, (e, fd) => (e ? reject(e) : resolve(fd))));
const writeSome = (fd: number, buffer: Buffer, offset: number) =>
  new Promise<number>((resolve, reject) => write(fd, buffer, offset, buffer.length - offset, null, (e, n) => (e ? reject(e) : resolve(n))));
const datasync = (fd: number) => new Promise<void>((resolve, reject) => fdatasync(fd, (e) => (e ? reject(e) : resolve())));
const closeFd = (fd: number) => new Promise<void>((resolve, reject) => close(fd, (e) => (e ? reject(e) : resolve())));
const syncDirAsync = (dir: string) =>
  openFd(dir, constants.O_RDONLY).then((fd) =>
    new Promise<void>((resolve, reject) => fsync(fd, (e) => (e ? reject(e) : resolve()))).finally(() => closeFd(fd)),
  );

function checksum(name: string, offset: number, data: Buffer): string {
  return crc32(data, crc32(`${name} ${offset} ${data.length}`)).toString(16).padStart(8, "0");
}

function fileName(number: number): string {
  return `${String(number).padStart(10, "0")}.wal`;
}

export class Journal {
  readonly #root: string;
  readonly #dir: string;
  readonly #checkpointBytes: number;
  readonly #checkpointMs: number;
  readonly #committer: GroupCommitter;
  readonly #timer: NodeJS.Timeout;
  /** Oldest first; the last one is written to. */
  readonly #generations: Generation[] = [];
  #fd: number | null = null;
  #size = 0;
  #started = 0;
  #entries: Entry[] = [];
  /** A new file before the next write: time for a checkpoint, or the last write failed. */
  #rotate = false;
  #checkpoint: Promise<void> | null = null;
  #closed = false;

  private constructor(root: string, next: number, options: JournalOptions) {
    this.#root = root;
    this.#dir = path.join(root, "journal");
    this.#checkpointBytes = options.checkpointBytes ?? 16 * 1024 * 1024;
    this.#checkpointMs = options.checkpointMs ?? 30_000;
    this.#committer = new GroupCommitter(() => this.#flush());
    this.#generations.push({ number: next, file: path.join(this.#dir, fileName(next)), dirty: new Set() });
    // An idle server still clears its journal: the bytes in it are copies, kept no longer than needed.
    this.#timer = setInterval(() => {
      if (this.#current.dirty.size > 0 && !this.#checkpoint && performance.now() - this.#started >= this.#checkpointMs) void this.checkpoint().catch(() => undefined);
    }, this.#checkpointMs);
    this.#timer.unref();
  }

  /**
   * Opens the journal of a data folder: first replays what a previous run left (see the top of
   * this file), then starts a new journal file. Throws a StoreError when a journal entry is whole
   * but names something outside the data folder (damage, not a cut-short write).
   */
  static async open(dataDir: string, options: JournalOptions = {}): Promise<{ journal: Journal; recovered: JournalRecovery }> {
    const dir = path.join(dataDir, "journal");
    mkdirSync(dir, { recursive: true });
    const found = readdirSync(dir)
      .map((f) => FILE_NAME.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .sort((a, b) => Number(a[1]) - Number(b[1]));
    const recovered = await replay(dataDir, found.map((m) => path.join(dir, m[0])));
    for (const m of found) unlinkSync(path.join(dir, m[0]));
    // Files that are not journal files (a stray temp file) are left alone.
    const next = found.length ? Number(found[found.length - 1][1]) + 1 : 1;
    const journal = new Journal(dataDir, next, options);
    await journal.#openCurrent();
    return { journal, recovered };
  }

  get #current(): Generation {
    return this.#generations[this.#generations.length - 1];
  }

  /** How many journal files exist now (the current one and those waiting for their checkpoint). */
  get files(): number {
    return this.#generations.length;
  }

  /**
   * Writes `data` for `log` at `offset` of its file: resolves once it is in the journal on disk and
   * in the log's file. Everything committed in the same turn of the event loop shares one write.
   */
  commit(log: JournalLog, offset: number, data: Buffer, records: number): Promise<void> {
    if (this.#closed) return Promise.reject(new Error("het journaal is gesloten"));
    const name = path.relative(this.#root, log.file).split(path.sep).join("/");
    const entry: Entry = { log, name, offset, data, records, written: null };
    this.#entries.push(entry);
    return this.#committer.request().then(() => entry.written!);
  }

  /** A log that was synced and closed: nothing the journal holds for it is needed any more. */
  forget(log: JournalLog): void {
    for (const g of this.#generations) g.dirty.delete(log);
  }

  /**
   * Starts a new journal file, syncs the logs the older ones wrote to and removes those files (a
   * deleted session's ratings then leave the journal too). Resolves when that is done.
   */
  async checkpoint(): Promise<void> {
    if (this.#closed) return;
    await this.#checkpoint; // one already running covers only older files: let it finish first
    this.#rotate = true;
    await this.#committer.request();
    await this.#checkpoint;
  }

  async #openCurrent(): Promise<void> {
    const fd = await openFd(this.#current.file, CREATE);
    try {
      await syncDirAsync(this.#dir); // the new file's name must survive a power loss before anything in it is acked
    } catch (error) {
      await closeFd(fd).catch(() => undefined);
      throw error;
    }
    this.#fd = fd;
    this.#size = 0;
    this.#started = performance.now();
  }

  async #flush(): Promise<void> {
    const entries = this.#entries;
    this.#entries = [];
    // A new file when a checkpoint is due (and none is running), or when the last write or the
    // last attempt to start a file failed.
    if ((this.#rotate && !this.#checkpoint) || this.#fd === null) await this.#startNewFile();
    if (entries.length === 0) return;
    const parts: Buffer[] = [];
    let records = 0;
    for (const e of entries) {
      parts.push(Buffer.from(`${checksum(e.name, e.offset, e.data)} ${e.name} ${e.offset} ${e.data.length}\n`), e.data);
      records += e.records;
    }
    const buffer = Buffer.concat(parts);
    const started = performance.now();
    try {
      let written = 0;
      while (written < buffer.length) written += await writeSome(this.#fd!, buffer, written);
      if (!DSYNC) await datasync(this.#fd!);
    } catch (error) {
      // What reached this file is unknown: the next write goes to a new file (#fd null), so that a
      // cut-short entry can only ever be the end of a file.
      const fd = this.#fd!;
      this.#fd = null;
      await closeFd(fd).catch(() => undefined);
      throw error;
    }
    this.#size += buffer.length;
    const dirty = this.#current.dirty;
    for (const e of entries) {
      dirty.add(e.log);
      e.written = e.log.writeAt(e.data, e.offset);
    }
    // The next commit waits for these writes: a checkpoint then knows the logs hold all of them.
    await Promise.allSettled(entries.map((e) => e.written));
    if (logFlushChannel.hasSubscribers) logFlushChannel.publish({ ms: performance.now() - started, records, bytes: buffer.length } satisfies LogFlush);
    if (this.#size >= this.#checkpointBytes || performance.now() - this.#started >= this.#checkpointMs) this.#rotate = true;
  }

  /** Runs between two commits: the old file receives nothing more, and its checkpoint starts. */
  async #startNewFile(): Promise<void> {
    this.#rotate = false;
    if (this.#fd !== null) {
      const fd = this.#fd;
      this.#fd = null;
      await closeFd(fd).catch(() => undefined);
    }
    if (this.#current.dirty.size > 0 || existsSync(this.#current.file)) {
      const number = this.#current.number + 1;
      this.#generations.push({ number, file: path.join(this.#dir, fileName(number)), dirty: new Set() });
    }
    await this.#openCurrent(); // when this fails, #fd stays null and the next commit tries again
    this.#checkpoint ??= this.#runCheckpoint().finally(() => (this.#checkpoint = null));
  }

  /** Syncs, one at a time (the thread pool stays free for commits), every log the older files wrote to. */
  async #runCheckpoint(): Promise<void> {
    const older = this.#generations.slice(0, -1);
    const logs = new Set<JournalLog>();
    for (const g of older) for (const l of g.dirty) logs.add(l);
    for (const log of logs) {
      try {
        await log.syncForJournal();
        for (const g of older) g.dirty.delete(log);
      } catch {
        // Kept: the journal still holds this log's entries, and a restart writes them again.
      }
    }
    await this.#removeClean();
  }

  /** Removes journal files, oldest first, while nothing in them is needed (never out of order). */
  async #removeClean(): Promise<void> {
    let removed = false;
    while (this.#generations.length > 1 && this.#generations[0].dirty.size === 0) {
      rmSync(this.#generations[0].file, { force: true });
      this.#generations.shift();
      removed = true;
    }
    if (removed) await syncDirAsync(this.#dir).catch(() => undefined);
  }

  /**
   * After every log was closed (each syncs itself and is forgotten): removes the journal files that
   * hold nothing needed and closes. A file still holding entries of a log that could not be synced
   * stays, for the next start to write again.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    if (!this.#committer.idle) await this.#committer.request().catch(() => undefined);
    await this.#checkpoint;
    this.#closed = true;
    clearInterval(this.#timer);
    if (this.#fd !== null) {
      await closeFd(this.#fd).catch(() => undefined);
      this.#fd = null;
    }
    for (const g of [...this.#generations]) {
      if (g.dirty.size > 0) break;
      rmSync(g.file, { force: true });
      this.#generations.shift();
    }
    await syncDirAsync(this.#dir).catch(() => undefined);
  }
}

interface ReplayEntry {
  name: string;
  offset: number;
  data: Buffer;
}

/** Reads the whole entries of one journal file; a cut-short last write ends it. */
function parseJournal(file: string, bytes: Buffer): { entries: ReplayEntry[]; tornBytes: number } {
  const entries: ReplayEntry[] = [];
  let at = 0;
  while (at < bytes.length) {
    const newline = bytes.indexOf(0x0a, at);
    if (newline === -1 || newline - at > 1024) break;
    const header = HEADER.exec(bytes.toString("latin1", at, newline));
    if (!header) break;
    const [, crc, name, offsetText, lengthText] = header;
    const offset = Number(offsetText);
    const length = Number(lengthText);
    const end = newline + 1 + length;
    if (end > bytes.length) break;
    const data = bytes.subarray(newline + 1, end);
    if (checksum(name, offset, data) !== crc) break;
    if (!SAFE_NAME.test(name) || name.split("/").includes("..")) {
      throw new StoreError(file, `een volledige regel van het journaal noemt ${JSON.stringify(name)}, dat niet in de datamap ligt`);
    }
    entries.push({ name, offset, data });
    at = end;
  }
  return { entries, tornBytes: bytes.length - at };
}

/** Writes every entry into its log again, in order, cuts each log after its last entry and syncs it. */
async function replay(root: string, files: string[]): Promise<JournalRecovery> {
  const recovered: JournalRecovery = { files: files.length, entries: 0, logs: [], tornBytes: 0, skipped: 0 };
  const byLog = new Map<string, ReplayEntry[]>();
  for (const file of files) {
    const { entries, tornBytes } = parseJournal(file, await readFile(file));
    recovered.tornBytes += tornBytes;
    for (const e of entries) {
      const list = byLog.get(e.name) ?? [];
      list.push(e);
      byLog.set(e.name, list);
    }
  }
  for (const [name, entries] of byLog) {
    const target = path.join(root, ...name.split("/"));
    // A session deleted before the crash: its folder is gone, and so are its ratings.
    if (!existsSync(target)) {
      recovered.skipped += entries.length;
      continue;
    }
    const fd = openSync(target, "r+");
    try {
      for (const e of entries) {
        let written = 0;
        while (written < e.data.length) written += writeSync(fd, e.data, written, e.data.length - written, e.offset + written);
      }
      const last = entries[entries.length - 1];
      // Past the last entry's end there can only be a write that failed and was never acked.
      ftruncateSync(fd, last.offset + last.data.length);
      fdatasyncSync(fd);
    } finally {
      closeSync(fd);
    }
    recovered.entries += entries.length;
    recovered.logs.push(name);
  }
  if (files.length) fsyncDir(path.dirname(files[0]));
  return recovered;
}
