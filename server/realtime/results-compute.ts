// The heavy work on a session's rating log, off the main thread: one worker thread
// (results-worker.ts) reads the log and computes a reveal's results, and formats a download's
// bytes, so a session of a million samples never holds up the other rooms. The main thread only
// hands the worker plain data and passes the pieces it gets back on to the response. A short log
// is read in the main thread: that takes less than starting the worker (decision 024).
// The results are the same object computeResults makes in the main thread (structured clone).
import { readFileSync } from "node:fs";
import { stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { ExportJob, SessionRecord } from "../../app/core/report";
import type { RevealResults } from "../../app/core/results";
import { type ResultsContext, resultsFromLog, type SettledLog } from "./results-work";

export type { ResultsContext } from "./results-work";

/**
 * The worker's code. Built: the compiled file beside this bundle (build/node,
 * scripts/build-server.mjs). From the TypeScript source (npm run dev, the tests): a one-line
 * module that registers tsx in the worker (its loader does not reach a worker by itself), then
 * loads the entry, so this thread does no bundling and parses no big URL.
 */
function workerUrl(): URL {
  if (!import.meta.url.endsWith(".ts")) return new URL("./results-worker.js", import.meta.url);
  const tsxFile = createRequire(import.meta.url).resolve("tsx/package.json");
  const tsxApi = (JSON.parse(readFileSync(tsxFile, "utf8")) as { exports: Record<string, { import: { default: string } }> }).exports["./esm/api"].import.default;
  const api = pathToFileURL(path.join(path.dirname(tsxFile), tsxApi)).href;
  const entry = new URL("./results-worker.ts", import.meta.url).href;
  // The priority first (see results-worker.ts), so that compiling the TypeScript runs below the main thread too.
  const lower = process.platform === "linux" ? `(await import("node:os")).setPriority(19);` : "";
  return new URL(`data:text/javascript,${encodeURIComponent(`${lower}(await import(${JSON.stringify(api)})).register(); await import(${JSON.stringify(entry)});`)}`);
}

/**
 * From this log size on the work is done in the worker: ~50 000 samples, ~12 ms of computing
 * (236 ms at a million samples, README), where the event loop's budget is 50 ms.
 */
export const OFF_THREAD_FROM_BYTES = 2 * 1024 * 1024;

/** True when a log is long enough to be read in the worker thread only. */
export async function offThread(file: string): Promise<boolean> {
  return (await stat(file)).size >= OFF_THREAD_FROM_BYTES;
}

/** A record as it crosses to the worker: plain data (the worker reads the samples from the log). */
export type RecordData = Omit<SessionRecord, "samples">;

export type WorkerRequest =
  | { type: "results"; id: number; file: string; context: ResultsContext }
  | { type: "download"; id: number; log: SettledLog; record: RecordData; job: ExportJob }
  /** The next piece of a download (the main thread asks for one while it writes the last). */
  | { type: "more"; id: number }
  /** The download's reader is gone: stop making it. */
  | { type: "stop"; id: number };

export type WorkerReply =
  | { type: "results"; id: number; results: RevealResults }
  | { type: "piece"; id: number; bytes: ArrayBuffer }
  | { type: "end"; id: number }
  | { type: "failed"; id: number; message: string };

/** Replies to one request, in order, for whoever waits for them. */
class Replies {
  readonly #queue: (WorkerReply | Error)[] = [];
  #waiting: ((reply: WorkerReply | Error) => void) | null = null;

  push(reply: WorkerReply | Error): void {
    if (this.#waiting) {
      const waiting = this.#waiting;
      this.#waiting = null;
      waiting(reply);
    } else this.#queue.push(reply);
  }

  async next(): Promise<WorkerReply> {
    const reply = this.#queue.shift() ?? (await new Promise<WorkerReply | Error>((resolve) => (this.#waiting = resolve)));
    if (reply instanceof Error) throw reply;
    return reply;
  }
}

/**
 * One worker thread for the heavy reads of every session, started at its first use and kept
 * (starting one costs a few hundred ms: it loads zod and the core). Its requests interleave: a
 * download asks for one piece at a time, so a reveal or another download waits at most a piece.
 * It never keeps the process alive; if it dies, what it was doing fails and the next request
 * starts a new one.
 */
export class ResultsWorker {
  #worker: Promise<Worker> | null = null;
  #nextId = 1;
  readonly #replies = new Map<number, Replies>();

  /**
   * resultsFromLog: in the worker thread for a long log, in this thread for a short one (whose
   * computing takes a few ms, less than starting a worker; its read yields like every log read).
   */
  async compute(file: string, context: ResultsContext): Promise<RevealResults> {
    if (!(await offThread(file))) return resultsFromLog(file, context);
    const worker = await this.#start();
    const { id, replies } = this.#open();
    try {
      worker.postMessage({ type: "results", id, file, context } satisfies WorkerRequest);
      const reply = await replies.next();
      if (reply.type === "failed") throw new Error(`Resultaten berekenen mislukt: ${reply.message}`);
      if (reply.type !== "results") throw new Error(`De rekenthread antwoordde ${reply.type} op een berekening`);
      return reply.results;
    } finally {
      this.#replies.delete(id);
    }
  }

  /**
   * A download's bytes made in the worker thread, a piece (~64 KB) at a time: the next piece is
   * asked for while this one is written, so at most two are held here. Ending early (the client
   * went away) stops the worker making it.
   */
  async *download(log: SettledLog, record: SessionRecord, job: ExportJob): AsyncGenerator<Uint8Array> {
    const worker = await this.#start();
    const { id, replies } = this.#open();
    const { samples: _, ...data } = record;
    let ended = false;
    try {
      worker.postMessage({ type: "download", id, log, record: data, job } satisfies WorkerRequest);
      for (;;) {
        const reply = await replies.next();
        if (reply.type === "end") {
          ended = true;
          return;
        }
        if (reply.type === "failed") {
          ended = true;
          throw new Error(`Download maken mislukt: ${reply.message}`);
        }
        if (reply.type !== "piece") throw new Error(`De rekenthread antwoordde ${reply.type} op een download`);
        worker.postMessage({ type: "more", id } satisfies WorkerRequest);
        yield new Uint8Array(reply.bytes);
      }
    } finally {
      this.#replies.delete(id);
      if (!ended) worker.postMessage({ type: "stop", id } satisfies WorkerRequest);
    }
  }

  #open(): { id: number; replies: Replies } {
    const id = this.#nextId++;
    const replies = new Replies();
    this.#replies.set(id, replies);
    return { id, replies };
  }

  #start(): Promise<Worker> {
    this.#worker ??= Promise.resolve().then(() => {
      const worker = new Worker(workerUrl());
      worker.unref();
      worker.on("message", (reply: WorkerReply) => this.#replies.get(reply.id)?.push(reply));
      const fail = (error: Error) => {
        this.#worker = null;
        for (const replies of this.#replies.values()) replies.push(error);
      };
      worker.on("error", fail);
      worker.on("exit", (code) => fail(new Error(`De rekenthread stopte (code ${code})`)));
      return worker;
    });
    this.#worker.catch(() => (this.#worker = null));
    return this.#worker;
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    if (worker) await (await worker).terminate();
  }
}
