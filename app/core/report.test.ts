// The report's data rules, the CSV in long format and the JSON export, on a hand-made session.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadEvaluation } from "../evaluation.server";
import { summariseEvaluations } from "./evaluation";
import type { FinalRating, LiveSample, ParticipantRecord } from "./protocol";
import { anonymousLearningPoints } from "./reflection";
import {
  buildReport,
  CSV_COLUMNS,
  csvCell,
  csvRows,
  csvText,
  EXCEL_COLUMNS,
  excelCsvText,
  parseReportOptions,
  reportQuery,
  resultsForReport,
  samplesInMemory,
  type SessionRecord,
  sessionJsonText,
  sessionTimes,
} from "./report";
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
  person("p-anna", "Anna de Vries", "arbeidsdeskundige", "Beoordelaar 1"),
  person("p-esra", "Esra Yilmaz", "ervaringsdeskundige", "Beoordelaar 2"),
  person("p-weg", "=cmd|' /C calc'!A0", "arbeidsdeskundige", "Beoordelaar 3", true),
  person("p-olaf", "Olaf", "observator", "Observator 1"),
];

const final = (participantId: string, v: number, notes?: FinalRating["notes"]): FinalRating => ({
  participantId,
  scores: { vertrouwen: v, "richting-kader": v, binding: v, stroefheid: 10 - v },
  observed: [],
  ...(notes ? { notes } : {}),
  submittedAt: 5 * MIN,
});

const samples: LiveSample[] = [
  { participantId: "p-anna", seq: 1, element: "binding", value: 6, t: 0.5 },
  { participantId: "p-anna", seq: 2, element: "binding", value: 7.5, t: 1.5 },
  { participantId: "p-esra", seq: 1, element: "binding", value: 3, t: 0.7 },
  { participantId: "p-weg", seq: 1, element: "binding", value: 9, t: 1 },
];

function record(overrides: Partial<SessionRecord["session"]> = {}): SessionRecord {
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
      title: "OT juni",
      createdAt: 0,
      phase: "closed",
      phaseLog: [
        { phase: "lobby", at: 0 },
        { phase: "briefing", at: 10 * MIN },
        { phase: "live", at: 12 * MIN },
        { phase: "closed", at: 95 * MIN },
      ],
      source: { kind: "vignette", slug: "bezwaar-fml", title: "Bezwaar tegen de FML" },
      briefing: { setting: "Situatie", question: "Wat zie je?" },
      duration: 60,
      settings: { separateRoles: true, nameDisplay: "namen", allowSingleRaterGroup: true },
      revealedAt: 60 * MIN,
      discussedTips: ["eerst-binding"],
      ...overrides,
    },
    participants,
    samples: samplesInMemory(samples),
    moments: [
      { participantId: "p-esra", seq: 1, t: 12, element: "binding", behaviourId: "empathie", note: "mail me: esra@voorbeeld.nl" },
      { participantId: "p-weg", seq: 1, t: 13, element: "binding" },
    ],
    finals,
    reflections: [
      { participantId: "p-anna", learningPoint: "Eerst binding", action: "Doorvragen", submittedAt: 1 },
      { participantId: "p-esra", learningPoint: "Bel 06-12345678", action: "=SUM(A1)", themes: { toekomst: "Werk" }, submittedAt: 2 },
      { participantId: "p-weg", learningPoint: "Van een verwijderde", action: "x", submittedAt: 3 },
    ],
    evaluations: [
      { participantId: "p-anna", answers: { nuttig: 8, veilig: 7 }, submittedAt: 1 },
      { participantId: "p-olaf", answers: { nuttig: 5, veilig: 10 }, submittedAt: 2 },
      { participantId: "p-weg", answers: { nuttig: 0, veilig: 0 }, submittedAt: 3 },
    ],
    results: { computedAt: 60 * MIN, results },
  };
}

/** Everything an async generator of text yields, as pieces. */
async function pieces(text: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const piece of text) out.push(piece);
  return out;
}

/** Lines of a CSV text, each with its CRLF. */
async function csvLinesOf(text: AsyncIterable<string>): Promise<string[]> {
  return (await pieces(text)).join("").split(/(?<=\r\n)/);
}

async function rowCount(record: SessionRecord): Promise<number> {
  let n = 0;
  for await (const rows of csvRows(record)) n += rows.length;
  return n;
}

const QUESTIONS = [
  { id: "nuttig", label: "Nuttig?" },
  { id: "veilig", label: "Veilig?" },
];
const NO = { names: false, presence: false, flagged: false };

describe("csvCell", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+31 6", "'+31 6"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\rx", `"'\rx"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ["a,b", '"a,b"'],
    ["gewoon", "gewoon"],
  ])("%j → %j", (input, output) => {
    expect(csvCell(input)).toBe(output);
  });

  it("writes numbers as they are and leaves missing cells empty", () => {
    expect(csvCell(7.5)).toBe("7.5");
    expect(csvCell(0)).toBe("0");
    expect(csvCell(null)).toBe("");
    expect(csvCell(Number.NaN)).toBe("");
  });
});

describe("the CSV", async () => {
  const lines = await csvLinesOf(csvText(record()));
  const rows = lines.slice(1).map((l) => l.replace(/\r\n$/, "").split(","));

  it("has the long-format header and CRLF line ends", () => {
    expect(lines[0]).toBe(`${CSV_COLUMNS.join(",")}\r\n`);
    expect(lines.every((l) => l.endsWith("\r\n"))).toBe(true);
  });

  it("holds every stored sample of the raters exactly once, moments, and the final scores; removed seats nowhere", () => {
    expect(rows.filter((r) => r[6] === "sample")).toEqual([
      ["ACD234", "Beoordelaar 1", "arbeidsdeskundige", "binding", "0.5", "6", "sample", ""],
      ["ACD234", "Beoordelaar 1", "arbeidsdeskundige", "binding", "1.5", "7.5", "sample", ""],
      ["ACD234", "Beoordelaar 2", "ervaringsdeskundige", "binding", "0.7", "3", "sample", ""],
    ]);
    expect(rows.filter((r) => r[6] === "moment")).toEqual([["ACD234", "Beoordelaar 2", "ervaringsdeskundige", "binding", "12", "", "moment", "empathie"]]);
    const finals = rows.filter((r) => r[6] === "final");
    expect(finals).toHaveLength(8);
    expect(finals).toContainEqual(["ACD234", "Beoordelaar 1", "arbeidsdeskundige", "stroefheid", "", "3", "final", ""]);
    const text = lines.join("");
    expect(text).not.toMatch(/Beoordelaar 3|Anna|Esra Yilmaz|esra@|BSN|calc/);
  });
});

describe("the CSV for Dutch Excel", async () => {
  const labels = {
    roles: { arbeidsdeskundige: "Arbeidsdeskundige", ervaringsdeskundige: "Ervaringsdeskundige", observator: "Observator" },
    elements: { vertrouwen: "Vertrouwen", "richting-kader": "Richting & Kader", binding: "Binding", stroefheid: "Stroefheid" },
    behaviours: { empathie: "Toont empathie; vat samen" },
  };
  const lines = await csvLinesOf(excelCsvText(csvRows(record()), labels));
  const rows = lines.slice(1).map((l) => l.replace(/\r\n$/, "").split(";"));

  it("starts with a UTF-8 byte order mark and a Dutch header, cells split by semicolons", () => {
    expect(lines[0]).toBe(`\uFEFF${EXCEL_COLUMNS.join(";")}\r\n`);
    expect(rows.filter((r) => !r.join(";").includes('"')).every((r) => r.length === EXCEL_COLUMNS.length)).toBe(true);
  });

  it("holds the same rows as the CSV, with a decimal comma and Dutch labels beside the ids", async () => {
    expect(rows).toHaveLength(await rowCount(record()));
    expect(rows[1]).toEqual(["ACD234", "Beoordelaar 1", "Arbeidsdeskundige", "arbeidsdeskundige", "Binding", "binding", "1,5", "7,5", "live", "sample", "", ""]);
    const moment = rows.find((r) => r[9] === "moment")!;
    // A label holding the separator is quoted, so it stays one cell.
    expect(lines.find((l) => l.includes("empathie"))).toContain('"Toont empathie; vat samen";empathie');
    expect(moment.slice(0, 8)).toEqual(["ACD234", "Beoordelaar 2", "Ervaringsdeskundige", "ervaringsdeskundige", "Binding", "binding", "12", ""]);
    expect(rows.filter((r) => r[9] === "final")).toContainEqual(["ACD234", "Beoordelaar 1", "Arbeidsdeskundige", "arbeidsdeskundige", "Stroefheid", "stroefheid", "", "3", "eindoordeel", "final", "", ""]);
    expect(lines.join("")).not.toMatch(/\d\.\d/);
  });

  it("keeps the formula guard for text cells", async () => {
    const guarded = await csvLinesOf(excelCsvText([[["ACD234", "=HYPERLINK()", "arbeidsdeskundige", "binding", 1, 2, "sample", null]]], labels));
    expect(guarded[1]).toMatch(/^ACD234;'=HYPERLINK\(\);/);
  });
});

describe("the report", () => {
  it("times the meeting from the briefing to closing", () => {
    expect(sessionTimes(record().session)).toEqual({ start: 10 * MIN, end: 95 * MIN, minutes: 85 });
    const running = record({ phase: "live", phaseLog: [{ phase: "lobby", at: 0 }, { phase: "briefing", at: 3 * MIN }, { phase: "live", at: 4 * MIN }] }).session;
    expect(sessionTimes(running)).toEqual({ start: 3 * MIN, end: 4 * MIN, minutes: 1 });
  });

  it("holds no names by default: raters by pseudonym, group by role, removed only as a count", () => {
    const view = buildReport(record(), NO, { evaluationQuestions: QUESTIONS });
    const text = JSON.stringify(view);
    expect(text).not.toMatch(/Anna|Esra Yilmaz|Olaf"|calc/);
    expect(view.results!.finals.map((f) => f.displayName)).toEqual(["Beoordelaar 1", "Beoordelaar 2"]);
    expect(view.groups).toEqual([
      { role: "arbeidsdeskundige", count: 1 },
      { role: "ervaringsdeskundige", count: 1 },
      { role: "observator", count: 1 },
    ]);
    expect(view.participantCount).toBe(3);
    expect(view.removedCount).toBe(1);
    expect(view.presence).toBeNull();
    expect(view.gesprek).toEqual({ kind: "vignette", title: "Bezwaar tegen de FML", slug: "bezwaar-fml", question: "Wat zie je?" });
  });

  it("shows names with the scores only when asked in a session that showed names; a presence list when asked", () => {
    const named = buildReport(record(), { ...NO, names: true, presence: true }, { evaluationQuestions: QUESTIONS });
    expect(named.results!.finals.map((f) => f.displayName)).toEqual(["Anna de Vries", "Esra Yilmaz"]);
    expect(named.presence).toEqual([
      { name: "Anna de Vries", role: "arbeidsdeskundige" },
      { name: "Esra Yilmaz", role: "ervaringsdeskundige" },
      { name: "Olaf", role: "observator" },
    ]);
    const hidden = record({ settings: { separateRoles: true, nameDisplay: "pseudoniemen", allowSingleRaterGroup: true } });
    hidden.results = { computedAt: 0, results: { ...hidden.results!.results, finals: hidden.results!.results.finals.map((f) => ({ ...f, displayName: f.pseudonym })) } };
    const asked = buildReport(hidden, { ...NO, names: true }, { evaluationQuestions: QUESTIONS });
    expect(asked.namesShown).toBe(false);
    expect(JSON.stringify(asked)).not.toMatch(/Anna/);
  });

  it("learning points without names, removed seats left out, flagged texts withheld unless chosen", () => {
    const view = buildReport(record(), NO, { evaluationQuestions: QUESTIONS });
    expect(view.learningPoints).toHaveLength(2);
    const esra = view.learningPoints.find((lp) => lp.action === "=SUM(A1)")!;
    expect(esra.learningPoint).toBe("[weggelaten: lijkt een telefoonnummer te bevatten]");
    expect(esra.themes).toEqual({ toekomst: "Werk" });
    expect(view.flags.map((f) => [f.label, f.kinds])).toEqual([
      ["Notitie van Beoordelaar 1 bij Binding (eindoordeel)", ["bsn"]],
      ["Notitie van Beoordelaar 2 bij een moment op 0:12 (Binding)", ["email"]],
      [`Leerpunt ${esra.number}`, ["telefoon"]],
    ]);
    const included = buildReport(record(), { ...NO, flagged: true }, { evaluationQuestions: QUESTIONS });
    expect(included.learningPoints.find((lp) => lp.number === esra.number)!.learningPoint).toBe("Bel 06-12345678");
  });

  it("the evaluation: mean per question over the participants who answered (removed left out)", () => {
    const view = buildReport(record(), NO, { evaluationQuestions: QUESTIONS });
    expect(view.evaluation).toEqual({
      respondents: 2,
      rows: [
        { id: "nuttig", label: "Nuttig?", n: 2, mean: 6.5, min: 5, max: 8 },
        { id: "veilig", label: "Veilig?", n: 2, mean: 8.5, min: 7, max: 10 },
      ],
    });
  });

  it("an own recording shows its title only", () => {
    const own = buildReport(record({ source: { kind: "media", slug: null, title: null }, briefing: { setting: "Mevrouw J. uit Zwolle", question: "Vraag" } }), NO, {
      evaluationQuestions: QUESTIONS,
    });
    expect(own.gesprek).toEqual({ kind: "media", title: "OT juni", slug: null, question: null });
    expect(JSON.stringify(own)).not.toMatch(/Zwolle/);
  });

  it("options come from the query and go back into it", () => {
    expect(parseReportOptions(new URLSearchParams("namen=1&gemarkeerd=on&x=1"))).toEqual({ names: true, presence: false, flagged: true });
    expect(parseReportOptions(new URLSearchParams("namen=nee"))).toEqual(NO);
    expect(reportQuery({ names: true, presence: true, flagged: false })).toBe("?namen=1&presentie=1");
    expect(reportQuery(NO)).toBe("");
  });
});

describe("the JSON export", () => {
  const json = async (options = NO) =>
    JSON.parse((await pieces(sessionJsonText(record(), options, { exportedAt: 100 * MIN, tips: null, evaluationQuestions: QUESTIONS }))).join(""));

  it("holds the session without ids, tokens, hashes or names; raters by pseudonym", async () => {
    const text = JSON.stringify(await json());
    expect(text).not.toMatch(/p-anna|p-esra|sessie-000000000000000a|Token|Hash|Anna|Esra Yilmaz|Olaf"|calc|esra@|111222333|06-12345678/);
    const data = await json();
    expect(data.participants.map((p: { pseudonym: string }) => p.pseudonym)).toEqual(["Beoordelaar 1", "Beoordelaar 2", "Observator 1"]);
    expect(data.removedParticipants).toBe(1);
    expect(data.samples).toHaveLength(3);
    expect(data.moments[0].note).toBe("[weggelaten: lijkt een e-mailadres te bevatten]");
    expect(data.finals[0].notes).toEqual({ binding: "[weggelaten: lijkt een burgerservicenummer (BSN) te bevatten]" });
    expect(data.evaluation.answers).toEqual([
      { nuttig: 5, veilig: 10 },
      { nuttig: 8, veilig: 7 },
    ]);
    expect(data.session.briefing).toEqual({ setting: "Situatie", question: "Wat zie je?" });
  });

  it("carries names, the presence list and flagged texts only when chosen", async () => {
    const data = await json({ names: true, presence: true, flagged: true });
    expect(data.participants[0]).toMatchObject({ pseudonym: "Beoordelaar 1", name: "Anna de Vries" });
    expect(data.presence).toHaveLength(3);
    expect(data.moments[0].note).toBe("mail me: esra@voorbeeld.nl");
  });
});

describe("resultsForReport", () => {
  it("puts pseudonyms where the results had names", () => {
    const r = record().results!.results;
    const anon = resultsForReport(r, false);
    expect(JSON.stringify(anon)).not.toMatch(/Anna|Esra/);
    expect(resultsForReport(r, true)).toBe(r);
  });
});

describe("content/evaluation.yaml", () => {
  it("loads, and its questions summarise", () => {
    const form = loadEvaluation(path.resolve("content"));
    expect(form.questions.map((q) => q.id)).toEqual(expect.arrayContaining(["nuttig", "clientperspectief", "veilig"]));
    const rows = summariseEvaluations(form.questions, [{ answers: { nuttig: 4 } }, { answers: { nuttig: 9 } }]);
    expect(rows[0]).toMatchObject({ id: "nuttig", n: 2, mean: 6.5 });
    expect(rows[1]).toMatchObject({ n: 0, mean: null });
  });
});

describe("anonymousLearningPoints", () => {
  it("orders by the text alone: the same list whatever order they came in", () => {
    const r = record();
    const a = anonymousLearningPoints(r.reflections, participants);
    const b = anonymousLearningPoints([...r.reflections].reverse(), participants);
    expect(b).toEqual(a);
    expect(a.map((x) => x.number)).toEqual([1, 2]);
  });
});
