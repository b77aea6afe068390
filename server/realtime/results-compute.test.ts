// The worker thread's downloads are the bytes the main thread makes from the same log: every piece,
// in order, for CSV, Excel-CSV and JSON (app/core/report-stream.test.ts holds those to the old
// in-memory exports). Parallel downloads of the same bytes are made once and each gets them all;
// a reader that stops early stops the work, and the worker goes on serving the next.
import { appendFileSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ELEMENT_IDS } from "../../app/core/domain";
import type { ParticipantRecord } from "../../app/core/protocol";
import type { ExportJob, SessionRecord } from "../../app/core/report";
import { computeResults } from "../../app/core/results";
import { readLog } from "../store/event-log";
import { ratingRecordSchema } from "../store/sessions";
import { groupedByParticipant, SampleIndexes, storedSamples } from "../store/stored-samples";
import { OFF_THREAD_FROM_BYTES, ResultsWorker } from "./results-compute";
import { exportPieces, logSampleSource, type SettledLog } from "./results-work";

const dir = mkdtempSync(path.join(tmpdir(), "ak-results-worker-"));
const worker = new ResultsWorker();
afterAll(async () => {
  await worker.close();
  rmSync(dir, { recursive: true, force: true });
});

const person = (id: string, pseudonym: string, role: ParticipantRecord["role"], removed = false): ParticipantRecord => ({
  id,
  name: `Naam ${pseudonym}`,
  role,
  pseudonym,
  focus: null,
  joinedAt: 1_000,
  removed,
});
const participants = [person("p-a", "Beoordelaar 1", "arbeidsdeskundige"), person("p-b", "Beoordelaar 2", "ervaringsdeskundige"), person("p-c", "Beoordelaar 3", "arbeidsdeskundige", true)];

/** A log of three raters, interleaved by the second, with a resent batch (stored once) and a gap. */
function writeLog(file: string, seconds: number): SettledLog {
  const lines: string[] = [];
  for (let second = 0; second < seconds; second++) {
    participants.forEach((p, r) => {
      const samples: [number, string, number, number][] = [];
      for (let k = 1; k <= 10; k++) {
        const seq = second * 10 + k + (second > seconds / 2 ? 5 : 0);
        samples.push([seq, ELEMENT_IDS[(r + second) % 4], ((seq * 7 + r) % 101) / 10, seq / 10]);
      }
      lines.push(JSON.stringify({ type: "samples", participantId: p.id, at: second * 1000, samples }));
      if (second % 50 === 7) lines.push(JSON.stringify({ type: "samples", participantId: p.id, at: second * 1000 + 5, samples }));
    });
  }
  appendFileSync(file, `${lines.join("\n")}\n`);
  return { file, appends: 1 };
}

function record(log: SettledLog): SessionRecord {
  return {
    session: {
      id: "sessie-000000000000000b",
      code: "WRK234",
      title: 'Werker "test"',
      createdAt: 0,
      phase: "closed",
      phaseLog: [{ phase: "lobby", at: 0 }],
      source: { kind: "roleplay", slug: null, title: "Rollenspel" },
      briefing: { setting: "", question: "" },
      duration: 60,
      settings: { separateRoles: true, nameDisplay: "pseudoniemen", allowSingleRaterGroup: false },
      revealedAt: null,
      discussedTips: [],
    },
    participants,
    samples: logSampleSource(log, new SampleIndexes()),
    moments: [{ participantId: "p-b", seq: 1, t: 3, element: "binding", note: "=1+1" }],
    finals: [],
    reflections: [],
    evaluations: [],
    results: null,
  };
}

const jobs: ExportJob[] = [
  { kind: "csv" },
  {
    kind: "excel",
    labels: {
      roles: { arbeidsdeskundige: "Arbeidsdeskundige", ervaringsdeskundige: "Ervaringsdeskundige", observator: "Observator" },
      elements: { vertrouwen: "Vertrouwen", "richting-kader": "Richting & kader", binding: "Binding", stroefheid: "Stroefheid" },
      behaviours: {},
    },
  },
  { kind: "json", options: { names: false, presence: false, flagged: false }, ctx: { exportedAt: 0, tips: null, evaluationQuestions: [] } },
];

async function bytes(pieces: AsyncIterable<Uint8Array>): Promise<{ all: Buffer; count: number }> {
  const parts: Buffer[] = [];
  for await (const piece of pieces) parts.push(Buffer.from(piece));
  return { all: Buffer.concat(parts), count: parts.length };
}

describe("downloads made in the worker thread", () => {
  const log = writeLog(path.join(dir, "ratings.ndjson"), 600);

  it.each(jobs.map((job) => [job.kind, job] as const))("%s: byte for byte what this thread makes", async (_kind, job) => {
    const here = await bytes(exportPieces(record(log), job));
    const there = await bytes(worker.download(log, record(log), job));
    expect(there.count).toBeGreaterThan(1); // several pieces: their order counts
    expect(there.all.equals(here.all)).toBe(true);
  }, 60_000); // the first starts the worker: at the lowest priority on a busy machine, seconds

  it("gives parallel downloads of the same bytes each the whole file", async () => {
    const expected = await bytes(exportPieces(record(log), { kind: "csv" }));
    const parallel = await Promise.all([1, 2, 3].map(() => bytes(worker.download(log, record(log), { kind: "csv" }))));
    for (const got of parallel) expect(got.all.equals(expected.all)).toBe(true);
  });

  it("stops a download whose reader went away, and serves the next", async () => {
    const pieces = worker.download(log, record(log), { kind: "json", options: { names: false, presence: false, flagged: false }, ctx: { exportedAt: 0, tips: null, evaluationQuestions: [] } });
    const first = await pieces.next();
    expect(first.done).toBe(false);
    await pieces.return(undefined);
    const expected = await bytes(exportPieces(record(log), { kind: "csv" }));
    expect((await bytes(worker.download(log, record(log), { kind: "csv" }))).all.equals(expected.all)).toBe(true);
  });

  it("fails a download of a damaged log with the store's message", async () => {
    const file = path.join(dir, "damaged.ndjson");
    const damaged = writeLog(file, 10);
    appendFileSync(file, '{"type":"samples","participantId":"p-a","at":1,"samples":[[1,"binding",11,0]]}\n');
    await expect(bytes(worker.download(damaged, record(damaged), { kind: "csv" }))).rejects.toThrow(/Download maken mislukt: .*regel 34/);
  });
});

describe("a reveal computed in the worker thread", () => {
  it("gives the results this thread computes from the whole log", async () => {
    const log = writeLog(path.join(dir, "long.ndjson"), 2400);
    expect(statSync(log.file).size).toBeGreaterThanOrEqual(OFF_THREAD_FROM_BYTES); // the worker's side of compute()
    const finals = participants.map((p, i) => ({
      participantId: p.id,
      scores: { vertrouwen: 3 + i, "richting-kader": 5, binding: 7 - i, stroefheid: 2 },
      observed: [],
      submittedAt: 1,
    }));
    const context = {
      participants,
      moments: [],
      finals,
      duration: 2400,
      settings: { separateRoles: false, nameDisplay: "pseudoniemen" as const, allowSingleRaterGroup: true },
      behaviours: [],
    };
    const here = computeResults({ ...context, samples: groupedByParticipant(storedSamples((await readLog(log.file, ratingRecordSchema)).records)) });
    expect(await worker.compute(log.file, context)).toEqual(here);
  }, 60_000);
});
