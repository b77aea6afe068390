// The worker thread of server/realtime/results-compute.ts: reads a session's log and computes its
// results for each request, answering each with its id.
import { parentPort } from "node:worker_threads";
import { resultsFromLog, type WorkerReply, type WorkerRequest } from "./results-compute";

parentPort!.on("message", ({ id, file, context }: WorkerRequest) => {
  resultsFromLog(file, context).then(
    (results) => parentPort!.postMessage({ id, ok: true, results } satisfies WorkerReply),
    (error: unknown) => parentPort!.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies WorkerReply),
  );
});
