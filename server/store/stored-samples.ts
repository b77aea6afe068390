// The stored live samples of a session, derived from its rating log by the intake's rule (a sample
// counts only when its seq is above the highest stored from that rater, docs/decisions/003), for
// the reveal (all at once, in a worker) and for the exports (one rater at a time, streamed).
import type { LiveSample } from "../../app/core/protocol";
import { LruMap } from "./lru";
import { readLogLines, streamLog } from "./event-log";
import { type RatingRecord, ratingRecordSchema } from "./sessions";

/** Every stored live sample exactly once: per participant, only seqs above the highest so far (the intake's rule). */
export function storedSamples(records: readonly RatingRecord[]): LiveSample[] {
  const samples: LiveSample[] = [];
  addStoredSamples(records, samples, new Map());
  return samples;
}

/** storedSamples a slice of the log at a time: adds to `samples`, each rater's highest seq so far in `highest`. */
export function addStoredSamples(records: Iterable<RatingRecord>, samples: LiveSample[], highest: Map<string, number>): void {
  for (const r of records) {
    if (r.type !== "samples") continue;
    let last = highest.get(r.participantId) ?? 0;
    for (const [seq, element, value, t] of r.samples) {
      if (seq <= last) continue;
      last = seq;
      samples.push({ participantId: r.participantId, seq, element, value, t });
    }
    highest.set(r.participantId, last);
  }
}

/** The same samples grouped by participant (in the order each first rated), seq rising within each. */
export function groupedByParticipant(samples: readonly LiveSample[]): LiveSample[] {
  const byParticipant = new Map<string, LiveSample[]>();
  for (const s of samples) {
    let list = byParticipant.get(s.participantId);
    if (!list) byParticipant.set(s.participantId, (list = []));
    list.push(s);
  }
  return [...byParticipant.values()].flat();
}

/** Where each participant's `samples` lines are in the log: byte offset and length, in file order. */
export type SampleIndex = Map<string, { offset: number; length: number }[]>;

/** Reads (and validates) the whole log once, keeping only where each rater's sample lines are. */
export async function indexSamples(file: string): Promise<SampleIndex> {
  const index: SampleIndex = new Map();
  for await (const slice of streamLog(file, ratingRecordSchema)) {
    for (const { record, offset, length } of slice) {
      if (record.type !== "samples") continue;
      let spans = index.get(record.participantId);
      if (!spans) index.set(record.participantId, (spans = []));
      spans.push({ offset, length });
    }
  }
  return index;
}

/** One rater's stored samples, seq rising, read back a window of the log at a time. */
export async function* samplesFromLog(file: string, participantId: string, index: SampleIndex): AsyncGenerator<LiveSample[]> {
  const highest = new Map<string, number>();
  for await (const records of readLogLines(file, ratingRecordSchema, index.get(participantId) ?? [])) {
    const samples: LiveSample[] = [];
    addStoredSamples(records.filter((r) => r.type === "samples" && r.participantId === participantId), samples, highest);
    if (samples.length) yield samples;
  }
}

/**
 * The sample indexes of the logs read lately. One index read per log at a time: whoever asks
 * while one runs, or after one that saw the same appends, shares it (five downloads of a revealed
 * session read its log once); whoever asks after new appends waits for the running read, then
 * reads again. A few are kept (an index is ~40 bytes per batch of ten samples).
 */
export class SampleIndexes {
  readonly #indexes = new LruMap<string, { appends: number; index: Promise<SampleIndex> }>(8);

  async of(log: { file: string; appends: number }): Promise<SampleIndex> {
    for (let known = this.#indexes.get(log.file); known; known = this.#indexes.get(log.file)) {
      if (known.appends === log.appends) return known.index;
      // An older read: wait for it (one read per log at a time), then read what is there now.
      await known.index.catch(() => undefined);
      if (this.#indexes.get(log.file) === known) this.#indexes.delete(log.file);
    }
    const entry = { appends: log.appends, index: indexSamples(log.file) };
    this.#indexes.set(log.file, entry);
    entry.index.catch(() => {
      if (this.#indexes.get(log.file) === entry) this.#indexes.delete(log.file);
    });
    return entry.index;
  }
}
