// Backup and restore of the data folder (docs/decisions/025-backup-and-logs.md).
//
// A backup runs beside a live server and needs nothing from it. It relies on how the store writes:
// documents (session.json, results.json, mirrors, profiles) are replaced whole by a rename, so a
// read sees the old or the new file, never half; a session's log only grows, and a record is acked
// only after its whole line is in the journal on disk and written into the log (decision 029: the
// log's own sync comes later, but every reader sees the write). So a copy of a log, cut after its last
// newline, holds every record acked before the copy began, once. A session's document is read
// before and after its log is copied; when it changed in between (a join, a phase change, a
// reveal), the session is copied again, so the log never holds a rater the document does not know
// and results never describe samples the copied log lacks.
//
// A restore (server stopped) copies a backup into a staging folder, opens it with the same stores
// the server uses (a damaged backup is refused before anything is replaced), and only then swaps it
// in; the previous data folder is kept beside it.
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, statSync } from "node:fs";
import { copyFile, cp, mkdir, open, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { lockDataDir } from "./data-dir";
import { fsyncDir } from "./group-commit";
import { FileProfileRepository } from "./profiles";
import { SESSION_ID, SessionStore } from "./sessions";
import { SpiegelStore } from "./spiegel";

export const BACKUP_PREFIX = "alliantiekompas-";
const PARTIAL_PREFIX = ".bezig-";
const MANIFEST = "backup.json";
/** Tries per session before a backup gives up on a session whose document keeps changing. */
const SESSION_ATTEMPTS = 20;

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

export interface BackupResult {
  path: string;
  sessions: number;
  files: number;
  bytes: number;
  removed: string[];
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}

function fsyncPath(file: string): void {
  const fd = openSync(file, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

async function readOrNull(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

const same = (a: Buffer | null, b: Buffer | null) => (a === null || b === null ? a === b : a.equals(b));

class Copier {
  files = 0;
  bytes = 0;

  async write(file: string, content: Buffer): Promise<void> {
    await writeFile(file, content);
    fsyncPath(file);
    this.files++;
    this.bytes += content.length;
  }

  async copy(from: string, to: string): Promise<void> {
    await copyFile(from, to);
    fsyncPath(to);
    this.files++;
    this.bytes += statSync(to).size;
  }

  /** Copies a growing log up to its last whole line (a line being written is not acked yet). */
  async copyLog(from: string, to: string): Promise<void> {
    const source = await open(from, "r");
    const target = await open(to, "w");
    try {
      const size = (await source.stat()).size;
      const chunk = Buffer.allocUnsafe(1 << 20);
      let position = 0;
      let whole = 0;
      while (position < size) {
        const { bytesRead } = await source.read(chunk, 0, Math.min(chunk.length, size - position), position);
        if (bytesRead === 0) break;
        await target.write(chunk, 0, bytesRead, position);
        const newline = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
        if (newline >= 0) whole = position + newline + 1;
        position += bytesRead;
      }
      await target.truncate(whole);
      await target.datasync();
      this.files++;
      this.bytes += whole;
    } finally {
      await source.close();
      await target.close();
    }
  }
}

/** One session's files, consistent with each other. False when the session vanished (deleted meanwhile). */
async function copySession(from: string, to: string, copier: Copier): Promise<boolean> {
  for (let attempt = 0; attempt < SESSION_ATTEMPTS; attempt++) {
    const docFile = path.join(from, "session.json");
    const resultsFile = path.join(from, "results.json");
    const doc = await readOrNull(docFile);
    if (doc === null) return false; // being created or deleted: not a session yet, or not any more
    const results = await readOrNull(resultsFile);
    await rm(to, { recursive: true, force: true });
    await mkdir(to, { recursive: true });
    try {
      if (existsSync(path.join(from, "ratings.ndjson"))) await copier.copyLog(path.join(from, "ratings.ndjson"), path.join(to, "ratings.ndjson"));
      for (const name of readdirSync(from)) {
        // A recording never changes once uploaded (a new one gets a new name).
        if (name.startsWith("media-")) await copier.copy(path.join(from, name), path.join(to, name));
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue; // a file went away: look again
      throw error;
    }
    if (same(doc, await readOrNull(docFile)) && same(results, await readOrNull(resultsFile))) {
      await copier.write(path.join(to, "session.json"), doc);
      if (results) await copier.write(path.join(to, "results.json"), results);
      fsyncDir(to);
      return true;
    }
  }
  throw new BackupError(`De sessie in ${from} veranderde bij elke poging; probeer de back-up zo opnieuw.`);
}

/** Copies a folder of whole-file documents (mirrors, profiles), skipping the writer's temp files. */
async function copyDocuments(from: string, to: string, copier: Copier): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const name of readdirSync(from)) {
    if (name.startsWith(".")) continue;
    const content = await readOrNull(path.join(from, name));
    if (content !== null) await copier.write(path.join(to, name), content);
  }
  fsyncDir(to);
}

/**
 * Makes `<targetRoot>/alliantiekompas-<time>/` from a data folder, while its server may run, and
 * keeps the newest `keep` backups in targetRoot. The folder appears (by a rename) only when whole.
 */
export async function backupDataDir(dataDir: string, targetRoot: string, options: { keep: number; now?: () => Date }): Promise<BackupResult> {
  if (!existsSync(path.join(dataDir, "sessions")) && !existsSync(path.join(dataDir, "cookie-secret"))) {
    throw new BackupError(`In ${dataDir} staan geen gegevens van Alliantiekompas. Klopt DATA_DIR?`);
  }
  const root = path.resolve(targetRoot);
  if (root === path.resolve(dataDir) || root.startsWith(path.resolve(dataDir) + path.sep)) {
    throw new BackupError("Zet de back-up niet in de datamap zelf: kies een map daarbuiten, liefst op een andere schijf.");
  }
  await mkdir(root, { recursive: true });
  const name = `${BACKUP_PREFIX}${stamp((options.now ?? (() => new Date()))())}`;
  const final = path.join(root, name);
  if (existsSync(final)) throw new BackupError(`${final} bestaat al; wacht een seconde en probeer opnieuw.`);
  const partial = path.join(root, `${PARTIAL_PREFIX}${name}`);
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial);
  const copier = new Copier();
  let sessions = 0;
  try {
    const sessionsDir = path.join(dataDir, "sessions");
    if (existsSync(sessionsDir)) {
      await mkdir(path.join(partial, "sessions"));
      for (const id of readdirSync(sessionsDir).sort()) {
        if (!SESSION_ID.test(id)) continue; // .trash-* and anything else that is not a session
        if (await copySession(path.join(sessionsDir, id), path.join(partial, "sessions", id), copier)) sessions++;
      }
      fsyncDir(path.join(partial, "sessions"));
    }
    for (const folder of ["spiegels", "profiles"]) {
      if (existsSync(path.join(dataDir, folder))) await copyDocuments(path.join(dataDir, folder), path.join(partial, folder), copier);
    }
    const secret = await readOrNull(path.join(dataDir, "cookie-secret"));
    if (secret) await copier.write(path.join(partial, "cookie-secret"), secret);
    await copier.write(path.join(partial, MANIFEST), Buffer.from(JSON.stringify({ version: 1, createdAt: new Date().toISOString(), sessions }, null, 2)));
    fsyncDir(partial);
    await rename(partial, final);
    fsyncDir(root);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
  return { path: final, sessions, files: copier.files, bytes: copier.bytes, removed: await rotate(root, options.keep) };
}

/** The backups in a folder, oldest first. */
export function listBackups(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((n) => n.startsWith(BACKUP_PREFIX) && existsSync(path.join(root, n, MANIFEST)))
    .sort()
    .map((n) => path.join(root, n));
}

async function rotate(root: string, keep: number): Promise<string[]> {
  const removed: string[] = [];
  const all = listBackups(root);
  for (const old of all.slice(0, Math.max(0, all.length - keep))) {
    await rm(old, { recursive: true, force: true });
    removed.push(old);
  }
  // A backup cut short (the machine stopped during it) leaves only a ".bezig-" folder.
  for (const name of readdirSync(root)) {
    if (name.startsWith(PARTIAL_PREFIX) && !removed.includes(name)) {
      const started = statSync(path.join(root, name)).mtimeMs;
      if (Date.now() - started > 24 * 3600 * 1000) await rm(path.join(root, name), { recursive: true, force: true });
    }
  }
  if (removed.length) fsyncDir(root);
  return removed;
}

/** A backup folder itself, or the newest backup inside a folder of backups. */
export function resolveBackup(given: string): string {
  const dir = path.resolve(given);
  if (existsSync(path.join(dir, MANIFEST))) return dir;
  const newest = listBackups(dir).at(-1);
  if (!newest) throw new BackupError(`In ${dir} staat geen back-up van Alliantiekompas (geen ${MANIFEST}).`);
  return newest;
}

/** Opens a data folder with the server's own stores: a damaged file throws a StoreError naming it. */
async function verify(dataDir: string): Promise<{ sessions: number }> {
  const store = new SessionStore(dataDir);
  const loaded = await store.loadAll();
  await store.close();
  await new SpiegelStore(dataDir).open();
  await new FileProfileRepository(dataDir, () => new Date()).verifyAll();
  return { sessions: loaded.length };
}

export interface RestoreResult {
  from: string;
  sessions: number;
  /** Where the data folder that was replaced now is (null when there was none). */
  previous: string | null;
}

/** Puts a backup in place of the data folder. The server must be stopped (the data folder's lock says so). */
export async function restoreDataDir(backup: string, dataDir: string, options: { now?: () => Date } = {}): Promise<RestoreResult> {
  const from = resolveBackup(backup);
  const target = path.resolve(dataDir);
  const when = stamp((options.now ?? (() => new Date()))());
  const lock = lockDataDir(target); // throws DataDirLockedError while a server runs on it
  const staging = `${target}.herstel-${when}`;
  try {
    await rm(staging, { recursive: true, force: true });
    await cp(from, staging, { recursive: true, filter: (src) => path.basename(src) !== MANIFEST });
    const { sessions } = await verify(staging);
    const present = readdirSync(target).filter((n) => n !== ".lock");
    let previous: string | null = null;
    if (present.length > 0) {
      // Two renames: the old folder steps aside whole (with the lock, which goes with it), the
      // verified copy takes its name.
      previous = `${target}.voor-herstel-${when}`;
      await rename(target, previous);
      await rm(path.join(previous, ".lock"), { force: true });
      await rename(staging, target);
    } else {
      for (const name of readdirSync(staging)) await rename(path.join(staging, name), path.join(target, name));
    }
    fsyncDir(target);
    fsyncDir(path.dirname(target));
    await rm(staging, { recursive: true, force: true });
    return { from, sessions, previous };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  } finally {
    lock.release();
  }
}

/** For messages: how big a backup is on disk. */
export function describeSize(bytes: number): string {
  return bytes >= 1 << 30 ? `${(bytes / (1 << 30)).toFixed(1)} GB` : bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}
