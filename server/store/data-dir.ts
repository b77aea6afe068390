// The data folder belongs to one server process at a time: a second process on the same folder
// refuses to start instead of interleaving writes. A lock left by a killed process is taken over,
// also when its process id has since been given to an unrelated process: the lock records when its
// process started (Linux: boot id and start time from /proc), and a live process with that id but
// another start is not the owner.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(`De datamap ${dir} is al in gebruik door een andere Alliantiekompas-server (proces ${pid}). Stop die eerst, of kies een andere DATA_DIR.`);
    this.name = "DataDirLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Who a process is beyond its id: "<boot id>:<start time in clock ticks>", or null where the system
 * does not tell (no /proc, or the process is gone).
 */
export function processIdentity(pid: number): string | null {
  try {
    const bootId = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 2 (the command) may hold spaces and parentheses: count from the last ")". Start time is field 22.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const start = fields[19];
    return bootId && start && /^\d+$/.test(start) ? `${bootId}:${start}` : null;
  } catch {
    return null;
  }
}

/** The lock file's text: "<pid>" or "<pid> <identity>". */
export function lockText(pid: number, identity: string | null): string {
  return identity ? `${pid} ${identity}` : String(pid);
}

/** Whether the lock's owner is still running: same pid, alive, and (where known) the same process. */
function ownerRuns(text: string): number | null {
  const [pidText, identity] = text.trim().split(" ");
  const pid = Number.parseInt(pidText, 10);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isAlive(pid)) return null;
  if (identity) {
    const now = processIdentity(pid);
    if (now !== null && now !== identity) return null; // the id was reused by another process
  }
  return pid;
}

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dir: string): DataDirLock {
  mkdirSync(dir, { recursive: true });
  const lockFile = path.join(dir, ".lock");
  const mine = lockText(process.pid, processIdentity(process.pid));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, "wx");
      writeSync(fd, mine);
      closeSync(fd);
      return {
        release() {
          try {
            if (readFileSync(lockFile, "utf8") === mine) rmSync(lockFile);
          } catch {
            // already gone
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = ownerRuns(readFileSync(lockFile, "utf8"));
      if (owner !== null) throw new DataDirLockedError(dir, owner);
      rmSync(lockFile, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Kon de datamap ${dir} niet vergrendelen.`);
}
