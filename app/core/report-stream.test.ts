// The streamed exports are byte for byte what the in-memory ones made before streaming: CSV,
// Excel-CSV and JSON of a small session with the awkward cases in it. The files in __snapshots__
// were written by that old code (commit 1ce9609 compared both on this session; the JSON files again
// by main's in-memory sessionJson after main added method, sharedSpiegels and clientViewLine), so
// they are the reference; never update them to make this pass.
import { describe, expect, it } from "vitest";
import type { FinalRating, LiveSample, ParticipantRecord } from "./protocol";
import { csvRows, csvText, excelCsvText, type ReportOptions, samplesInMemory, type SessionRecord, sessionJsonText } from "./report";
import { computeResults } from "./results";

const MIN = 60_000;
const person = (id: string, name: string, role: ParticipantRecord["role"], pseudonym: string, removed = false): ParticipantRecord => ({
  id,
  name,
  role,
  pseudonym,
  focus: null,
  joinedAt: 1_000,
  removed,
});

const participants = [
  person("p-olaf", 'Olaf "de" Vries', "observator", "Observator 1"),
  person("p-anna", "Anna, de Vries", "arbeidsdeskundige", "Beoordelaar 1"),
  person("p-weg", "=cmd|' /C calc'!A0", "arbeidsdeskundige", "Beoordelaar 3", true),
  person("p-esra", "Esra Yilmaz", "ervaringsdeskundige", "Beoordelaar 2"),
  person("p-stil", "Stil", "arbeidsdeskundige", "Beoordelaar 4"),
];

const final = (participantId: string, v: number, notes?: FinalRating["notes"]): FinalRating => ({
  participantId,
  scores: { vertrouwen: v, "richting-kader": v, binding: v, stroefheid: 10 - v },
  observed: ["empathie"],
  ...(notes ? { notes } : {}),
  submittedAt: 5 * MIN,
});

// Stored samples as the log holds them, interleaved between raters (each stored one once).
const samples: LiveSample[] = [];
for (let k = 1; k <= 40; k++) {
  samples.push({ participantId: k % 3 === 0 ? "p-esra" : "p-anna", seq: k, element: k % 2 ? "binding" : "richting-kader", value: (k * 7) % 11 / 2, t: k / 10 + 0.05 });
  if (k % 5 === 0) samples.push({ participantId: "p-weg", seq: k / 5, element: "vertrouwen", value: 10, t: k });
}
// seqs per rater must rise; renumber per rater in log order.
const next = new Map<string, number>();
for (const s of samples) next.set(s.participantId, (s.seq = (next.get(s.participantId) ?? 0) + 1));

function record(): SessionRecord {
  const finals = [final("p-anna", 7, { binding: "Zij noemde haar BSN 111222333" }), final("p-esra", 4), final("p-weg", 0)];
  const results = computeResults({
    participants,
    samples,
    moments: [],
    finals,
    duration: 60,
    settings: { separateRoles: true, nameDisplay: "namen", allowSingleRaterGroup: true },
    behaviours: [],
  });
  return {
    session: {
      id: "sessie-000000000000000a",
      code: "ACD234",
      title: 'OT "juni", met @@samples@@',
      createdAt: 0,
      phase: "closed",
      phaseLog: [
        { phase: "lobby", at: 0 },
        { phase: "live", at: 12 * MIN },
        { phase: "closed", at: 95 * MIN },
      ],
      source: { kind: "vignette", slug: "bezwaar-fml", title: "Bezwaar tegen de FML" },
      briefing: { setting: 'Situatie: "samples": "@@samples@@"', question: "Wat zie je?\nEn jij?" },
      duration: 60,
      settings: { separateRoles: true, nameDisplay: "namen", allowSingleRaterGroup: true },
      revealedAt: 60 * MIN,
      discussedTips: ["eerst-binding"],
    },
    participants,
    samples: samplesInMemory(samples),
    moments: [
      { participantId: "p-esra", seq: 2, t: 14, element: "binding", note: "=1+1" },
      { participantId: "p-esra", seq: 1, t: 12, element: "binding", behaviourId: "empathie", note: "mail me: esra@voorbeeld.nl" },
      { participantId: "p-weg", seq: 1, t: 13, element: "binding" },
    ],
    finals,
    reflections: [
      { participantId: "p-anna", learningPoint: '"samples": "@@samples@@"', action: "Doorvragen", submittedAt: 1 },
      { participantId: "p-esra", learningPoint: "Bel 06-12345678", action: "=SUM(A1)", themes: { toekomst: "Werk" }, submittedAt: 2 },
    ],
    evaluations: [{ participantId: "p-anna", answers: { nuttig: 8 }, submittedAt: 1 }],
    results: { computedAt: 60 * MIN, results },
  };
}

const labels = {
  roles: { arbeidsdeskundige: "Arbeidsdeskundige", ervaringsdeskundige: "Ervaringsdeskundige", observator: "Observator" },
  elements: { vertrouwen: "Vertrouwen", "richting-kader": "Richting & Kader", binding: "Binding", stroefheid: "Stroefheid" },
  behaviours: { empathie: "Toont empathie; vat samen" },
};
const ctx = { exportedAt: 100 * MIN, tips: null, evaluationQuestions: [{ id: "nuttig", label: "Nuttig?" }], elementNames: labels.elements };

async function text(pieces: AsyncIterable<string>): Promise<string> {
  let out = "";
  for await (const piece of pieces) out += piece;
  return out;
}

describe("the streamed exports", () => {
  it("write the CSV and the Excel-CSV byte for byte as before", async () => {
    const r = record();
    const csv = await text(csvText(r));
    await expect(csv).toMatchFileSnapshot("__snapshots__/export-small.csv");
    const excel = await text(excelCsvText(csvRows(r), labels));
    await expect(excel).toMatchFileSnapshot("__snapshots__/export-small-excel.csv");
  });

  it.each<[string, ReportOptions]>([
    ["default", { names: false, presence: false, flagged: false }],
    ["everything", { names: true, presence: true, flagged: true }],
  ])("write the JSON byte for byte as before (%s)", async (name, options) => {
    const r = record();
    const json = await text(sessionJsonText(r, options, ctx));
    await expect(json).toMatchFileSnapshot(`__snapshots__/export-small-${name}.json`);
  });

  it("write an empty samples list as JSON.stringify does", async () => {
    const options = { names: false, presence: false, flagged: false };
    const json = await text(sessionJsonText({ ...record(), samples: samplesInMemory([]) }, options, ctx));
    const whole = JSON.parse(await text(sessionJsonText(record(), options, ctx)));
    expect(json).toBe(JSON.stringify({ ...whole, samples: [] }, null, 2));
  });
});
