// The heavy work on a session's rating log, as the worker thread of results-compute.ts does it (and
// the main thread, for a short log): the reveal's results, and a download's bytes (CSV, Excel-CSV,
// JSON) formatted by app/core/report.ts from the samples read back from the log rater by rater.
// Nothing here holds the main thread's state: the worker bundles this file (results-worker.ts).
import { type ExportJob, exportText, type SampleSource, type SessionRecord } from "../../app/core/report";
import { computeResults, type ResultsInput, type RevealResults } from "../../app/core/results";
import type { LiveSample } from "../../app/core/protocol";
import { streamLog } from "../store/event-log";
import { ratingRecordSchema } from "../store/sessions";
import { addStoredSamples, groupedByParticipant, type SampleIndexes, samplesFromLog } from "../store/stored-samples";

/** What the worker needs besides the log: everything computeResults takes but the samples. */
export type ResultsContext = Omit<ResultsInput, "samples">;

/** A log as the server hands it to a read: its file and its count of appends (SessionStore.settledLog). */
export interface SettledLog {
  file: string;
  appends: number;
}

/**
 * The reveal's samples from the log: each stored one once, grouped by participant (as
 * computeResults has always had them). Read a slice at a time, so the log's records are never
 * held all at once (less to collect for the garbage collector, whose helper threads share the
 * cores with the main thread).
 */
export async function revealSamples(file: string): Promise<LiveSample[]> {
  const samples: LiveSample[] = [];
  const highest = new Map<string, number>();
  for await (const slice of streamLog(file, ratingRecordSchema)) addStoredSamples(slice.map((line) => line.record), samples, highest);
  return groupedByParticipant(samples);
}

/** Reads the log and computes the results, in this thread (the worker's body; the benchmark times it). */
export async function resultsFromLog(file: string, context: ResultsContext): Promise<RevealResults> {
  return computeResults({ ...context, samples: await revealSamples(file) });
}

/** The samples of a record, streamed from its log rater by rater; where each rater's lines are is read once per log and appends. */
export function logSampleSource(log: SettledLog, indexes: SampleIndexes): SampleSource {
  return async function* (participantId: string) {
    yield* samplesFromLog(log.file, participantId, await indexes.of(log));
  };
}

/** A download is handed on in pieces of about this many bytes. */
const PIECE_CHARS = 64 * 1024;

/**
 * The download's bytes in pieces of ~64 KB, each its own ArrayBuffer (so the worker can transfer
 * it to the main thread instead of copying it).
 */
export async function* exportPieces(record: SessionRecord, job: ExportJob): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  const encoder = new TextEncoder();
  let piece = "";
  for await (const text of exportText(record, job)) {
    piece += text;
    if (piece.length >= PIECE_CHARS) {
      yield encoder.encode(piece);
      piece = "";
    }
  }
  if (piece) yield encoder.encode(piece);
}
