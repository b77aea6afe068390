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
// 30 s or 64 MB the journal starts a new file; 35 s later, when the kernel has written the logs'
// data back on its own, it syncs them one at a time (each sync is then cheap, and the journal's
// own writes do not wait behind a burst of log data) and removes the old file. After a crash, `open` first writes every entry of the remaining files into its log, at
// the byte offset it had, in order, cuts the log after the last entry, syncs it and removes the
// journal files. Writing the same bytes at the same offset again changes nothing, so a replay may
// itself be cut short and run again.
//
// An entry: one header line `<crc32 hex> <file relative to the data folder> <offset> <length>\n`,
// then the `length` bytes. The crc covers the header's other fields and the bytes. An entry that is
// incomplete or fails its crc ends the file: only the last write can have been cut short (after a
// failed write the journal goes on in a new file), and that write was never acknowledged.
import { close, closeSync, constants, existsSync, fdatasync, fdatasyncSync, ftruncateSync, mkdirSync, open, openSync, readdirSync, rmSync, unlinkSync, write, writeSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { crc32 } from "node:zlib";
import { fsyncDir, GroupCommitter, type LogFlush, logFlushChannel, syncPath } from "./group-commit";
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
  /** Start a new journal file after this many bytes (default 64 MiB)… */
  checkpointBytes?: number;
  /** …or after this long (default 30 s). */
  checkpointMs?: number;
  /**
   * How long a file rests after its last write before its logs are synced (default 35 s): by then
   * the kernel has written their data back on its own (Linux: vm.dirty_expire_centisecs, 30 s),
   * so each sync is cheap and the journal's own writes do not queue behind a burst of log data.
   */
  settleMs?: number;
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
  /** When the journal moved on to the next file (performance.now()); null while written to. */
  closedAt: number | null;
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

function checksum(name: string, offset: number, data: Buffer): string {
  return crc32(data, crc32(`${name} ${offset} ${data.length}`)).toString(16).padStart(8, "0");
}

function fileName(number: number): string {
  return `${String(number).padStart(10, "0")}.wal`;
}

export class Journal {
  readonly #root: string;
  readonly #names = new WeakMap<JournalLog, string>();
  readonly #dir: string;
  readonly #checkpointBytes: number;
  readonly #checkpointMs: number;
  readonly #settleMs: number;
  readonly #committer: GroupCommitter;
  readonly #timer: NodeJS.Timeout;
  /** Oldest first; the last one is written to. */
  readonly #generations: Generation[] = [];
  #fd: number | null = null;
  #size = 0;
  #started = 0;
  #entries: Entry[] = [];
  /** Start a new file before the next write (a checkpoint is due). */
  #rotate = false;
  /** The checkpoints of the older files, one after the other, while there are any. */
  #checkpoints: Promise<void> | null = null;
  /** Ends a checkpoint's rest early (at close, when nothing needs it any more). */
  #wake: (() => void) | null = null;
  #closing = false;
  /** The next journal file, made (and its name synced) ahead of time: a rotation does not wait for the disk. */
  #spare: Promise<{ number: number; fd: number } | null> | null = null;

  private constructor(root: string, next: number, options: JournalOptions) {
    this.#root = root;
    this.#dir = path.join(root, "journal");
    this.#checkpointBytes = options.checkpointBytes ?? 64 * 1024 * 1024;
    this.#checkpointMs = options.checkpointMs ?? 30_000;
    this.#settleMs = options.settleMs ?? 35_000;
    this.#committer = new GroupCommitter(() => this.#flush());
    this.#generations.push({ number: next, file: path.join(this.#dir, fileName(next)), dirty: new Set(), closedAt: null });
    // An idle server still moves on to a new file: the bytes in the old one are copies, kept no longer than needed.
    this.#timer = setInterval(() => {
      if (this.#size > 0 && performance.now() - this.#started >= this.#checkpointMs) this.rotate();
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
    if (this.#closing) return Promise.reject(new Error("het journaal is gesloten"));
    const name = this.#nameOf(log);
    const entry: Entry = { log, name, offset, data, records, written: null };
    this.#entries.push(entry);
    return this.#committer.request().then(() => entry.written!);
  }

  /** A log's path relative to the data folder, as entries name it (worked out once per log). */
  #nameOf(log: JournalLog): string {
    let name = this.#names.get(log);
    if (name === undefined) this.#names.set(log, (name = path.relative(this.#root, log.file).split(path.sep).join("/")));
    return name;
  }

  /** A log that was synced and closed: nothing the journal holds for it is needed any more. */
  forget(log: JournalLog): void {
    for (const g of this.#generations) g.dirty.delete(log);
  }

  /**
   * Moves on to a new journal file (at the next commit, or now when idle); the current one is
   * removed after its checkpoint. After a session is deleted, so that no copy of its ratings stays.
   */
  rotate(): void {
    if (this.#closing || this.#size === 0) return;
    this.#rotate = true;
    void this.#committer.request().catch(() => undefined);
  }

  /** Moves on to a new file and resolves when every older file has had its checkpoint. */
  async checkpoint(): Promise<void> {
    if (this.#closing) return;
    if (this.#size > 0) {
      this.#rotate = true;
      await this.#committer.request();
    }
    while (this.#checkpoints) await this.#checkpoints;
  }

  async #openCurrent(): Promise<void> {
    const fd = await openFd(this.#current.file, CREATE);
    try {
      await syncPath(this.#dir); // the new file's name must survive a power loss before anything in it is acked
    } catch (error) {
      await closeFd(fd).catch(() => undefined);
      throw error;
    }
    this.#use(fd);
  }

  #use(fd: number): void {
    this.#fd = fd;
    this.#size = 0;
    this.#started = performance.now();
    const number = this.#current.number + 1;
    const file = path.join(this.#dir, fileName(number));
    this.#spare = openFd(file, CREATE).then(
      async (spare) => {
        try {
          await syncPath(this.#dir);
          return { number, fd: spare };
        } catch {
          await closeFd(spare).catch(() => undefined);
          rmSync(file, { force: true });
          return null;
        }
      },
      () => null,
    );
  }

  /** Closes and removes the file made ahead of time (at close, or when it no longer fits). */
  async #dropSpare(): Promise<void> {
    const spare = await this.#spare;
    this.#spare = null;
    if (!spare) return;
    await closeFd(spare.fd).catch(() => undefined);
    rmSync(path.join(this.#dir, fileName(spare.number)), { force: true });
  }

  async #flush(): Promise<void> {
    const entries = this.#entries;
    this.#entries = [];
    // A new file when a checkpoint is due, or when the last write (or the last attempt to start a
    // file) failed.
    if (this.#rotate || this.#fd === null) await this.#startNewFile();
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

  /** Runs between two commits: the old file receives nothing more, and its checkpoint is queued. */
  async #startNewFile(): Promise<void> {
    this.#rotate = false;
    if (this.#fd !== null) {
      const fd = this.#fd;
      this.#fd = null;
      await closeFd(fd).catch(() => undefined);
    }
    // A file that was never created (the last attempt failed) is tried again under its own number.
    if (this.#current.dirty.size > 0 || existsSync(this.#current.file)) {
      this.#current.closedAt = performance.now();
      const number = this.#current.number + 1;
      this.#generations.push({ number, file: path.join(this.#dir, fileName(number)), dirty: new Set(), closedAt: null });
    }
    this.#checkpoints ??= this.#runCheckpoints().finally(() => (this.#checkpoints = null));
    const spare = await this.#spare;
    if (spare && spare.number === this.#current.number) {
      this.#spare = null;
      this.#use(spare.fd);
      return;
    }
    await this.#dropSpare();
    await this.#openCurrent(); // when this fails, #fd stays null and the next commit tries again
  }

  /**
   * Takes the older files one at a time, oldest first: lets each rest (settleMs after its last
   * write), then syncs, one after the other, the logs it wrote to, and removes the files that hold
   * nothing needed any more.
   */
  async #runCheckpoints(): Promise<void> {
    for (;;) {
      const next = this.#generations.find((g) => g.closedAt !== null && g.dirty.size > 0);
      if (!next) break;
      const rest = next.closedAt! + this.#settleMs - performance.now();
      if (rest > 0 && !this.#closing) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, rest);
          this.#wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.#wake = null;
      }
      const failed = new Set<JournalLog>();
      for (const log of [...next.dirty]) {
        const syncStarted = performance.now();
        try {
          await log.syncForJournal();
          // The sync covers every write made before it began: every file closed by then.
          for (const g of this.#generations) if (g.closedAt !== null && g.closedAt <= syncStarted) g.dirty.delete(log);
        } catch {
          failed.add(log); // kept: the journal still holds its entries, and a restart writes them again
        }
      }
      await this.#removeClean();
      if (failed.size > 0 && [...next.dirty].every((l) => failed.has(l))) break; // tried; the next rotation tries again
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
    if (removed) await syncPath(this.#dir).catch(() => undefined);
  }

  /**
   * After every log was closed (each syncs itself and is forgotten): removes the journal files that
   * hold nothing needed and closes. A file still holding entries of a log that could not be synced
   * stays, for the next start to write again.
   */
  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    clearInterval(this.#timer);
    if (!this.#committer.idle) await this.#committer.request().catch(() => undefined);
    this.#wake?.();
    while (this.#checkpoints) await this.#checkpoints;
    await this.#dropSpare();
    if (this.#fd !== null) {
      await closeFd(this.#fd).catch(() => undefined);
      this.#fd = null;
    }
    for (const g of [...this.#generations]) {
      if (g.dirty.size > 0) break;
      rmSync(g.file, { force: true });
      this.#generations.shift();
    }
    await syncPath(this.#dir).catch(() => undefined);
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
