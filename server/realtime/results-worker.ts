// The worker thread of server/realtime/results-compute.ts. Two kinds of work, each answered with its
// id: a reveal's results (read the log, compute), and a download (read the log rater by rater,
// format the bytes with app/core/report.ts, hand them over a piece at a time: one piece per "more"
// from the main thread, transferred, not copied). Where each rater's lines are is read once per
// log and appends; parallel downloads of the same bytes are made once.
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import type { SessionRecord } from "../../app/core/report";
import { SampleIndexes } from "../store/stored-samples";
import type { WorkerReply, WorkerRequest } from "./results-compute";
import { exportPieces, logSampleSource, resultsFromLog } from "./results-work";

// This thread works at the lowest priority: on a busy machine the main thread (every room's acks)
// gets the CPU first. Only on Linux is the nice value per thread (setpriority on "0" = this
// thread); elsewhere it would slow the whole process, so it stays as it is.
if (process.platform === "linux") setPriority(19);

const port = parentPort!;
const reply = (message: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

const indexes = new SampleIndexes();

/**
 * One download being made, for one or more readers: downloads of the same session, log and job
 * that ask before its first piece is out share it (five parallel downloads of a session are read
 * and formatted once). Its pieces go out in step: the next is made once every reader asked for
 * it, so the slowest reader sets the pace and nothing piles up here.
 */
interface Shared {
  key: string;
  pieces: AsyncGenerator<Uint8Array<ArrayBuffer>>;
  readers: Set<number>;
  asked: Set<number>;
  making: boolean;
}
/** Downloads whose first piece is not out yet: the ones a new reader may join. */
const joinable = new Map<string, Shared>();
const byReader = new Map<number, Shared>();

function leave(id: number): void {
  const download = byReader.get(id);
  if (!download) return;
  byReader.delete(id);
  download.readers.delete(id);
  download.asked.delete(id);
  if (download.readers.size === 0) {
    if (joinable.get(download.key) === download) joinable.delete(download.key);
    void download.pieces.return(undefined).catch(() => undefined);
  } else void step(download);
}

/** Makes the next piece once every reader asked for it, and hands it to each (transferred: a copy per extra reader). */
async function step(download: Shared): Promise<void> {
  if (download.making || download.readers.size === 0 || download.asked.size < download.readers.size) return;
  download.making = true;
  try {
    const next = await download.pieces.next();
    if (joinable.get(download.key) === download) joinable.delete(download.key);
    // Whoever joined while the first piece was made gets it too: they all start at the start.
    const readers = [...download.readers];
    download.asked.clear();
    for (const [i, id] of readers.entries()) {
      if (next.done) {
        reply({ id, type: "end" });
        byReader.delete(id);
      } else {
        const bytes = i === readers.length - 1 ? next.value.buffer : next.value.slice().buffer;
        reply({ id, type: "piece", bytes }, [bytes]);
      }
    }
    if (next.done) download.readers.clear();
  } catch (error) {
    if (joinable.get(download.key) === download) joinable.delete(download.key);
    for (const id of download.readers) {
      reply({ id, type: "failed", message: message(error) });
      byReader.delete(id);
    }
    download.readers.clear();
  } finally {
    download.making = false;
  }
  void step(download);
}

function startDownload(request: Extract<WorkerRequest, { type: "download" }>): void {
  const { id, log, record, job } = request;
  // The same log at the same appends, the same job and the same record: the same bytes.
  const key = JSON.stringify([log.file, log.appends, job, record]);
  let download = joinable.get(key);
  if (!download) {
    const source: SessionRecord = { ...record, samples: logSampleSource(log, indexes) };
    download = { key, pieces: exportPieces(source, job), readers: new Set(), asked: new Set(), making: false };
    joinable.set(key, download);
  }
  download.readers.add(id);
  download.asked.add(id);
  byReader.set(id, download);
  void step(download);
}

port.on("message", (request: WorkerRequest) => {
  switch (request.type) {
    case "results":
      resultsFromLog(request.file, request.context).then(
        (results) => reply({ id: request.id, type: "results", results }),
        (error: unknown) => reply({ id: request.id, type: "failed", message: message(error) }),
      );
      return;
    case "download":
      startDownload(request);
      return;
    case "more": {
      const download = byReader.get(request.id);
      if (!download) return;
      download.asked.add(request.id);
      void step(download);
      return;
    }
    case "stop":
      leave(request.id);
      return;
  }
});
