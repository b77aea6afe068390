// Group commit, shared by the rating logs' journal and the session documents: whatever is requested
// in the same turn of the event loop, or while a commit is in flight, shares the next commit
// (docs/decisions/002-live-storage.md).
import { channel } from "node:diagnostics_channel";
import { close, closeSync, constants, fsync, fsyncSync, open, openSync } from "node:fs";

/** One commit of the journal: how long its synchronous write (and the logs' writes) took, and how much it carried. */
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

/**
 * fsyncs a file, or a directory so that a new or renamed entry in it survives a power loss, without
 * holding the event loop while the disk works (the running server's way; fsyncDir is for start-up
 * and the command-line tools).
 */
export function syncPath(file: string): Promise<void> {
  return new Promise((resolve, reject) =>
    open(file, constants.O_RDONLY, (error, fd) => {
      if (error) return reject(error);
      fsync(fd, (syncError) => close(fd, (closeError) => (syncError || closeError ? reject(syncError ?? closeError) : resolve())));
    }),
  );
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
