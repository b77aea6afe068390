// The reveal's computation: computeResults (app/core/results.ts) on a session of R raters × M
// minutes × 10 Hz, and how its time grows when the raters or the minutes double. Also the whole
// reveal path for the base size: read the rating log back from disk, then compute.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { loadContent } from "../../app/content.server";
import { ELEMENT_IDS, type ElementId } from "../../app/core/domain";
import type { FinalRating, LiveSample, MomentMark, ParticipantRecord } from "../../app/core/protocol";
import { computeResults, type ResultsInput } from "../../app/core/results";
import { readLog } from "../../server/store/event-log";
import { type RatingRecord, ratingRecordSchema } from "../../server/store/sessions";
import { REPO } from "../lib/children";
import { median } from "../lib/stats";

export interface ComputeTiming {
  raters: number;
  minutes: number;
  samples: number;
  /** median of the runs (ms) */
  ms: number;
  runs: number[];
}

export interface ResultsBench {
  base: ComputeTiming;
  doubleRaters: ComputeTiming;
  doubleMinutes: ComputeTiming;
  ratioRaters: number;
  ratioMinutes: number;
  /** Base size, from disk: read + validate the log, then compute (ms). */
  fromDisk: { readMs: number; computeMs: number; logBytes: number };
}

/** A deterministic pseudo-random sequence, so every run computes the same session. */
export function random(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

function session(raters: number, minutes: number, behaviours: { id: string; elementId: ElementId }[]) {
  const rnd = random(raters * 1000 + minutes);
  const participants: ParticipantRecord[] = [];
  const samples: LiveSample[] = [];
  const moments: MomentMark[] = [];
  const finals: FinalRating[] = [];
  const records: RatingRecord[] = [];
  const perRater = minutes * 60 * 10;
  for (let r = 0; r < raters; r++) {
    const id = `rater-${String(r).padStart(4, "0")}`;
    participants.push({ id, name: `Deelnemer ${r + 1}`, role: r % 3 === 2 ? "ervaringsdeskundige" : "arbeidsdeskundige", pseudonym: `Beoordelaar ${r + 1}`, focus: ELEMENT_IDS[r % 4], joinedAt: 0, removed: false });
    const element = ELEMENT_IDS[r % 4];
    let value = 3 + rnd() * 4;
    let batch: [number, ElementId, number, number][] = [];
    for (let k = 1; k <= perRater; k++) {
      value = Math.min(10, Math.max(0, value + (rnd() - 0.5) * 0.4));
      const s = { participantId: id, seq: k, element, value: Math.round(value * 10) / 10, t: k / 10 };
      samples.push(s);
      batch.push([s.seq, s.element, s.value, s.t]);
      if (batch.length === 10) {
        records.push({ type: "samples", participantId: id, at: k * 100, samples: batch });
        batch = [];
      }
    }
    // A moment every two minutes or so, half of them with a behaviour.
    const own = behaviours.filter((b) => b.elementId === element);
    for (let m = 1; m <= Math.max(1, Math.round(minutes / 2)); m++) {
      const b = own.length && m % 2 ? own[Math.floor(rnd() * own.length)] : undefined;
      const moment: MomentMark = { participantId: id, seq: m, t: Math.round(rnd() * minutes * 60 * 10) / 10, element, ...(b ? { behaviourId: b.id } : {}) };
      moments.push(moment);
      records.push({ type: "moment", at: 0, moment });
    }
    const scores = { vertrouwen: Math.floor(rnd() * 11), "richting-kader": Math.floor(rnd() * 11), binding: Math.floor(rnd() * 11), stroefheid: Math.floor(rnd() * 11) };
    const final: FinalRating = { participantId: id, scores, observed: behaviours.filter(() => rnd() < 0.1).map((b) => b.id), submittedAt: 1 };
    finals.push(final);
    records.push({ type: "final", rating: final });
  }
  const input: ResultsInput = {
    participants,
    samples,
    moments,
    finals,
    duration: minutes * 60,
    settings: { separateRoles: true, nameDisplay: "pseudoniemen", allowSingleRaterGroup: false },
    behaviours,
  };
  return { input, records };
}

// A full collection before each timed run, so no run pays for the garbage of building its input.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

function time(fn: () => void): number {
  gc();
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function measure(raters: number, minutes: number, runs: number, behaviours: { id: string; elementId: ElementId }[]): ComputeTiming {
  const { input } = session(raters, minutes, behaviours);
  const times = Array.from({ length: runs }, () => time(() => computeResults(input)));
  return { raters, minutes, samples: input.samples.length, ms: median(times), runs: times };
}

export async function runResults(o: { raters: number; minutes: number; runs: number; log: (line: string) => void }): Promise<ResultsBench> {
  const content = loadContent(path.join(REPO, "content"));
  const behaviours = [...content.behaviourIndex].map(([id, b]) => ({ id, elementId: b.elementId }));
  // Warm the JIT on a small session first, so the first measured size is not the one that pays it.
  computeResults(session(o.raters, 5, behaviours).input);
  const base = measure(o.raters, o.minutes, o.runs, behaviours);
  o.log(`  computeResults ${o.raters} × ${o.minutes} min: ${base.ms.toFixed(0)} ms`);
  const doubleRaters = measure(o.raters * 2, o.minutes, o.runs, behaviours);
  o.log(`  computeResults ${o.raters * 2} × ${o.minutes} min: ${doubleRaters.ms.toFixed(0)} ms`);
  const doubleMinutes = measure(o.raters, o.minutes * 2, o.runs, behaviours);
  o.log(`  computeResults ${o.raters} × ${o.minutes * 2} min: ${doubleMinutes.ms.toFixed(0)} ms`);

  // The reveal as the server does it (Rooms.resultsInput): read the log, keep each seq once, compute.
  const dir = mkdtempSync(path.join(tmpdir(), "ak-bench-log-"));
  try {
    const { input, records } = session(o.raters, o.minutes, behaviours);
    const file = path.join(dir, "ratings.ndjson");
    const text = records.map((r) => `${JSON.stringify(r)}\n`).join("");
    writeFileSync(file, text);
    const readStart = performance.now();
    const { records: read } = await readLog(file, ratingRecordSchema);
    const samples: LiveSample[] = [];
    const highest = new Map<string, number>();
    for (const r of read) {
      if (r.type !== "samples") continue;
      let last = highest.get(r.participantId) ?? 0;
      for (const [seq, element, value, t] of r.samples) {
        if (seq <= last) continue;
        last = seq;
        samples.push({ participantId: r.participantId, seq, element, value, t });
      }
      highest.set(r.participantId, last);
    }
    const readMs = performance.now() - readStart;
    const computeMs = time(() => computeResults({ ...input, samples }));
    o.log(`  van schijf: log lezen ${readMs.toFixed(0)} ms + berekenen ${computeMs.toFixed(0)} ms`);
    return {
      base,
      doubleRaters,
      doubleMinutes,
      ratioRaters: doubleRaters.ms / base.ms,
      ratioMinutes: doubleMinutes.ms / base.ms,
      fromDisk: { readMs, computeMs, logBytes: Buffer.byteLength(text) },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
