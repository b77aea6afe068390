// The reveal's computation, off the main thread: a worker thread reads the session's rating log,
// keeps each stored sample once and runs computeResults (app/core/results.ts), so a session of a
// million samples (~0.25 s of computing, seconds of reading) never holds up the other rooms. A
// short log is computed in the main thread: that takes less than starting the worker.
// The results are the same object computeResults makes in the main thread (structured clone).
import { stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { computeResults, type ResultsInput, type RevealResults } from "../../app/core/results";
import { readLog } from "../store/event-log";
import { ratingRecordSchema } from "../store/sessions";
import { groupedByParticipant, storedSamples } from "../store/stored-samples";

/** What the worker needs besides the log: everything computeResults takes but the samples. */
export type ResultsContext = Omit<ResultsInput, "samples">;

/** The reveal's samples from the log: each stored one once, grouped by participant (as computeResults has always had them). */
export async function revealSamples(file: string) {
  return groupedByParticipant(storedSamples((await readLog(file, ratingRecordSchema)).records));
}

/** Reads the log and computes the results, in this thread (the worker's body; the benchmark times it). */
export async function resultsFromLog(file: string, context: ResultsContext): Promise<RevealResults> {
  return computeResults({ ...context, samples: await revealSamples(file) });
}

/**
 * The worker's code. Built: the compiled file beside this bundle (build/node,
 * scripts/build-server.mjs). From the TypeScript source (npm run dev, the tests), which a worker
 * cannot load by itself (tsx's loader does not reach a worker's entry): bundled once per process
 * with esbuild, the build's own bundler, into a self-contained module.
 */
let sourceBundle: Promise<URL> | null = null;
function workerUrl(): Promise<URL> {
  if (!import.meta.url.endsWith(".ts")) return Promise.resolve(new URL("./results-worker.js", import.meta.url));
  sourceBundle ??= import("esbuild").then(async ({ build }) => {
    const out = await build({
      entryPoints: [fileURLToPath(new URL("./results-worker.ts", import.meta.url))],
      bundle: true,
      write: false,
      format: "esm",
      platform: "node",
      target: "node20",
      logLevel: "silent",
    });
    return new URL(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].contents).toString("base64")}`);
  });
  return sourceBundle;
}

/**
 * From this log size on the results are computed in the worker: ~50 000 samples, ~12 ms of
 * computing (236 ms at a million samples, README), where the event loop's budget is 50 ms.
 */
const OFF_THREAD_FROM_BYTES = 2 * 1024 * 1024;

export type WorkerRequest = { id: number; file: string; context: ResultsContext };
export type WorkerReply = { id: number } & ({ ok: true; results: RevealResults } | { ok: false; message: string });

/**
 * One worker thread that computes the results of every reveal and lag change, one after another,
 * started at its first use and kept (starting one costs a few hundred ms: it loads zod and the
 * core). It never keeps the process alive; if it dies, what it was computing fails and the next
 * request starts a new one.
 */
export class ResultsWorker {
  #worker: Promise<Worker> | null = null;
  #nextId = 1;
  readonly #pending = new Map<number, { resolve: (results: RevealResults) => void; reject: (error: Error) => void }>();

  /**
   * resultsFromLog: in the worker thread for a long log, in this thread for a short one (whose
   * computing takes a few ms, less than starting a worker; its read yields like every log read).
   */
  async compute(file: string, context: ResultsContext): Promise<RevealResults> {
    if ((await stat(file)).size < OFF_THREAD_FROM_BYTES) return resultsFromLog(file, context);
    const worker = await this.#start();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, file, context } satisfies WorkerRequest);
    });
  }

  #start(): Promise<Worker> {
    this.#worker ??= workerUrl().then((url) => {
      const worker = new Worker(url);
      worker.unref();
      worker.on("message", (reply: WorkerReply) => {
        const waiting = this.#pending.get(reply.id);
        this.#pending.delete(reply.id);
        if (reply.ok) waiting?.resolve(reply.results);
        else waiting?.reject(new Error(`Resultaten berekenen mislukt: ${reply.message}`));
      });
      const fail = (error: Error) => {
        this.#worker = null;
        for (const waiting of this.#pending.values()) waiting.reject(error);
        this.#pending.clear();
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
