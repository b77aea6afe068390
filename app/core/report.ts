// The OT record of a live session: the report page, the CSV in long format and the JSON export, all
// made from one SessionRecord (what the store holds, without tokens or hashes). Pure: data in, text
// and view models out. The privacy rules live here, in one place, so the page and both downloads
// follow them alike (docs/decisions/006-report-exports-retention.md):
//   - participants the host removed appear nowhere (only as a count);
//   - names only when the host asks, and with scores only in a session that showed names;
//     a presence list (names and roles, no pseudonyms) only when the host asks;
//   - learning points, actions and evaluations without names, in an order that says nothing about who;
//   - texts flagged as possible personal data are left out unless the host chooses to include them;
//   - for an own recording only its title.
import { z } from "zod";
import { type AgendaState, type RoundHeld, roundsHeld, type SessionMethod } from "./agenda";
import { ELEMENT_IDS, type ElementId, type TipId } from "./domain";
import { type EvaluationQuestion, type EvaluationSummaryRow, summariseEvaluations } from "./evaluation";
import type { PersonalDataKind } from "./personal-data";
import type {
  AnonymousLearningPoint,
  FinalRating,
  LiveSample,
  MomentMark,
  ParticipantRecord,
  ParticipantRole,
  PersonalDataFlag,
  Phase,
  Reflection,
  SessionEvaluation,
  SessionSettings,
  SourceKind,
} from "./protocol";
import { anonymousLearningPoints, personalDataFlags, withheldText } from "./reflection";
import type { RevealResults } from "./results";
import type { RankedTip } from "./tip-rules";

/** Everything stored about one session, as the live room hands it to the report (host only). */
export interface SessionRecord {
  session: {
    id: string;
    code: string;
    title: string;
    createdAt: number;
    phase: Phase;
    phaseLog: { phase: Phase; at: number }[];
    source: { kind: SourceKind; slug: string | null; title: string | null };
    briefing: { setting: string; question: string };
    duration: number | null;
    settings: SessionSettings;
    revealedAt: number | null;
    discussedTips: TipId[];
    /** The OT method followed and its agenda (absent: none). */
    method?: SessionMethod;
    agenda?: AgendaState;
    /** Mirrors shared and accepted in the session (issue 11): the report holds the count, no numbers. */
    sharedSpiegels?: number;
  };
  /** Every seat, the removed ones too (`removed: true`); the functions here leave those out. */
  participants: ParticipantRecord[];
  /**
   * Every stored live sample exactly once (the seq rule of the intake applied to the log), one
   * rater at a time: the server reads them from the log as the exports ask for them.
   */
  samples: SampleSource;
  moments: MomentMark[];
  /** The latest final rating per participant. */
  finals: FinalRating[];
  reflections: Reflection[];
  evaluations: SessionEvaluation[];
  results: { computedAt: number; results: RevealResults } | null;
}

/** One rater's stored live samples, seq rising, in slices. */
export type SampleSource = (participantId: string) => AsyncIterable<readonly LiveSample[]>;

/** A SampleSource over samples held in memory (each stored one once): small sessions and tests. */
export function samplesInMemory(samples: readonly LiveSample[]): SampleSource {
  return async function* (participantId) {
    yield samples.filter((s) => s.participantId === participantId).sort((a, b) => a.seq - b.seq);
  };
}

// ---- Options the host chooses ----

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "1" || v === "on" || v === "ja");

/** The query of the report page and its downloads: ?namen=1&presentie=1&gemarkeerd=1. */
export const reportOptionsSchema = z.object({
  namen: checkbox,
  presentie: checkbox,
  gemarkeerd: checkbox,
});

export interface ReportOptions {
  /** Names with the scores (only in a session that showed names in the room). */
  names: boolean;
  /** A presence list with names and roles, for PE registration. */
  presence: boolean;
  /** Include the texts flagged as possible personal data. */
  flagged: boolean;
}

export function parseReportOptions(params: URLSearchParams): ReportOptions {
  const raw = Object.fromEntries(["namen", "presentie", "gemarkeerd"].map((k) => [k, params.get(k) ?? undefined]));
  const parsed = reportOptionsSchema.safeParse(raw);
  if (!parsed.success) return { names: false, presence: false, flagged: false };
  return { names: parsed.data.namen, presence: parsed.data.presentie, flagged: parsed.data.gemarkeerd };
}

export function reportQuery(options: ReportOptions): string {
  const params = new URLSearchParams();
  if (options.names) params.set("namen", "1");
  if (options.presence) params.set("presentie", "1");
  if (options.flagged) params.set("gemarkeerd", "1");
  const text = params.toString();
  return text ? `?${text}` : "";
}

// ---- Shared helpers ----

function present(record: SessionRecord): ParticipantRecord[] {
  return record.participants.filter((p) => !p.removed);
}

function presentIds(record: SessionRecord): Set<string> {
  return new Set(present(record).map((p) => p.id));
}

/** Names appear with scores only when the host asks and the session showed names in the room. */
export function namesShown(record: SessionRecord, options: ReportOptions): boolean {
  return options.names && record.session.settings.nameDisplay === "namen";
}

function flagsFor(record: SessionRecord, learningPoints: AnonymousLearningPoint[], names: boolean, elementNames?: Record<string, string>): PersonalDataFlag[] {
  return personalDataFlags({
    participants: record.participants,
    finals: record.finals,
    moments: record.moments,
    learningPoints,
    nameOf: (p) => (names ? p.name : p.pseudonym),
    elementNames,
  });
}

/** Replaces the flagged texts unless the host chose to include them. */
function guard(text: string, item: string, flags: Map<string, PersonalDataKind[]>, include: boolean): string {
  const kinds = flags.get(item);
  return kinds && !include ? withheldText(kinds) : text;
}

function flagMap(flags: PersonalDataFlag[]): Map<string, PersonalDataKind[]> {
  return new Map(flags.map((f) => [f.item, f.kinds]));
}

function guardLearningPoints(points: AnonymousLearningPoint[], flags: Map<string, PersonalDataKind[]>, include: boolean): AnonymousLearningPoint[] {
  return points.map((lp) => ({
    number: lp.number,
    learningPoint: guard(lp.learningPoint, `learning-point:${lp.number}`, flags, include),
    action: guard(lp.action, `action:${lp.number}`, flags, include),
    themes: Object.fromEntries(Object.entries(lp.themes).map(([id, text]) => [id, guard(text!, `theme:${lp.number}:${id}`, flags, include)])),
  }));
}

/**
 * The results as the report shows them: a rater is their pseudonym unless names are shown.
 * Removed participants were never in the results (computeResults leaves them out).
 */
export function resultsForReport(results: RevealResults, names: boolean): RevealResults {
  if (names) return results;
  return {
    ...results,
    finals: results.finals.map((f) => ({ ...f, displayName: f.pseudonym })),
  };
}

/** When the meeting ran: from the briefing (or creation) to closing (or the last phase change). */
export function sessionTimes(session: SessionRecord["session"]): { start: number; end: number; minutes: number } {
  const started = session.phaseLog.find((e) => e.phase !== "lobby");
  const start = started?.at ?? session.createdAt;
  const closed = session.phaseLog.find((e) => e.phase === "closed");
  const end = Math.max(start, closed?.at ?? session.phaseLog.at(-1)?.at ?? start);
  return { start, end, minutes: Math.round((end - start) / 60_000) };
}

/** The OT method and the rounds held; the last round ends when the session closed (else still open). */
export function methodReport(session: SessionRecord["session"]): { id: string; title: string; rounds: RoundHeld[] } | null {
  if (!session.method || !session.agenda) return null;
  const closed = session.phaseLog.find((e) => e.phase === "closed")?.at ?? null;
  return { id: session.method.id, title: session.method.title, rounds: roundsHeld(session.method, session.agenda, closed) };
}

// ---- The report page ----

export interface ReportView {
  sessionId: string;
  code: string;
  title: string;
  phase: Phase;
  start: number;
  end: number;
  minutes: number;
  gesprek: { kind: SourceKind; title: string; slug: string | null; question: string | null };
  /** The OT method followed and the rounds held (null: none). */
  method: ReturnType<typeof methodReport>;
  groups: { role: ParticipantRole; count: number }[];
  participantCount: number;
  removedCount: number;
  revealed: boolean;
  results: RevealResults | null;
  discussedTips: TipId[];
  /** How many mirrors were shared and accepted ("1 spiegel gedeeld"). */
  sharedSpiegels: number;
  learningPoints: AnonymousLearningPoint[];
  evaluation: { respondents: number; rows: EvaluationSummaryRow[] };
  /** Names and roles for PE registration, sorted by name; null unless asked. */
  presence: { name: string; role: ParticipantRole }[] | null;
  flags: PersonalDataFlag[];
  /** The session showed names in the room, so the host may show them with the scores. */
  namesAvailable: boolean;
  namesShown: boolean;
  options: ReportOptions;
}

export interface ReportContext {
  evaluationQuestions: readonly Pick<EvaluationQuestion, "id" | "label">[];
  elementNames?: Record<string, string>;
}

const ROLE_ORDER: readonly ParticipantRole[] = ["arbeidsdeskundige", "ervaringsdeskundige", "observator"];

export function buildReport(record: SessionRecord, options: ReportOptions, ctx: ReportContext): ReportView {
  const { session } = record;
  const people = present(record);
  const ids = presentIds(record);
  const names = namesShown(record, options);
  const learningPoints = anonymousLearningPoints(record.reflections, record.participants);
  const flags = flagsFor(record, learningPoints, names, ctx.elementNames);
  const evaluations = record.evaluations.filter((e) => ids.has(e.participantId));
  const times = sessionTimes(session);
  const own = session.source.kind === "media";
  return {
    sessionId: session.id,
    code: session.code,
    title: session.title,
    phase: session.phase,
    ...times,
    gesprek: {
      kind: session.source.kind,
      // An own recording: its title only (the session's), nothing about who or what is in it.
      title: own ? session.title : (session.source.title ?? session.title),
      slug: own ? null : session.source.slug,
      question: own ? null : session.briefing.question || null,
    },
    method: methodReport(session),
    groups: ROLE_ORDER.map((role) => ({ role, count: people.filter((p) => p.role === role).length })),
    participantCount: people.length,
    removedCount: record.participants.length - people.length,
    revealed: record.results !== null,
    results: record.results ? resultsForReport(record.results.results, names) : null,
    discussedTips: [...session.discussedTips],
    sharedSpiegels: session.sharedSpiegels ?? 0,
    learningPoints: guardLearningPoints(learningPoints, flagMap(flags), options.flagged),
    evaluation: { respondents: evaluations.length, rows: summariseEvaluations(ctx.evaluationQuestions, evaluations) },
    presence: options.presence
      ? people.map((p) => ({ name: p.name, role: p.role })).sort((a, b) => a.name.localeCompare(b.name, "nl") || ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role))
      : null,
    flags,
    namesAvailable: session.settings.nameDisplay === "namen",
    namesShown: names,
    options,
  };
}

// ---- CSV, long format ----

export const CSV_COLUMNS = ["session", "rater", "role", "element", "t", "value", "kind", "behaviour"] as const;

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (starting with = + - @, a tab or a
 * carriage return) gets a leading apostrophe (OWASP's advice); then RFC 4180 quoting.
 * Numbers are written as they are: a number's text cannot be a formula.
 */
export function csvCell(value: string | number | null | undefined, separator: "," | ";" = ","): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  if (text.includes(separator) || /["\r\n]/.test(text)) text = `"${text.replace(/"/g, '""')}"`;
  return text;
}

function csvRow(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map((cell) => csvCell(cell)).join(",")}\r\n`;
}

/** One row of the CSV, its cells in the order of CSV_COLUMNS. */
export type CsvRow = readonly [
  session: string,
  rater: string,
  role: ParticipantRole,
  element: ElementId,
  t: number | null,
  value: number | null,
  kind: "sample" | "moment" | "final",
  behaviour: string | null,
];

/**
 * The CSV's rows, a slice at a time (so a big session streams): every stored live sample exactly
 * once (kind "sample"), rater by rater in seat order; every moment ("moment", no value); and each
 * final score ("final", no t). Rater = pseudonym; never a name or a note. Removed participants are
 * left out.
 */
export async function* csvRows(record: SessionRecord): AsyncGenerator<readonly CsvRow[]> {
  const code = record.session.code;
  const people = present(record);
  const byId = new Map(people.map((p) => [p.id, p]));
  const order = new Map(record.participants.map((p, i) => [p.id, i]));
  for (const p of people) {
    for await (const slice of record.samples(p.id)) {
      yield slice.map((s): CsvRow => [code, p.pseudonym, p.role, s.element, s.t, s.value, "sample", null]);
    }
  }
  const moments = record.moments.filter((m) => byId.has(m.participantId));
  moments.sort((a, b) => order.get(a.participantId)! - order.get(b.participantId)! || a.seq - b.seq);
  yield moments.map((m): CsvRow => {
    const p = byId.get(m.participantId)!;
    return [code, p.pseudonym, p.role, m.element, m.t, null, "moment", m.behaviourId ?? null];
  });
  const finals = record.finals.filter((f) => byId.has(f.participantId));
  finals.sort((a, b) => order.get(a.participantId)! - order.get(b.participantId)!);
  yield finals.flatMap((f) => {
    const p = byId.get(f.participantId)!;
    return ELEMENT_IDS.map((e): CsvRow => [code, p.pseudonym, p.role, e, null, f.scores[e], "final", null]);
  });
}

/** The CSV (docs/protocol.md) as text, a slice of rows at a time: a header, then csvRows. */
export async function* csvText(record: SessionRecord): AsyncGenerator<string> {
  yield csvRow(CSV_COLUMNS);
  for await (const rows of csvRows(record)) yield rows.map(csvRow).join("");
}

// ---- The same rows for Dutch Excel ----

/** What the Excel download writes beside the ids; from content/, handed in by the caller. */
export interface ExcelLabels {
  roles: Record<ParticipantRole, string>;
  elements: Record<ElementId, string>;
  /** Behaviour id → its label; an id without a label keeps an empty label cell. */
  behaviours: Record<string, string>;
}

export const EXCEL_KIND_LABELS: Record<CsvRow[6], string> = { sample: "live", moment: "moment", final: "eindoordeel" };

export const EXCEL_COLUMNS = [
  "Sessie",
  "Beoordelaar",
  "Rol",
  "Rol (id)",
  "Element",
  "Element (id)",
  "Tijd in het gesprek (s)",
  "Waarde (0-10)",
  "Soort",
  "Soort (id)",
  "Gedrag of signaal",
  "Gedrag (id)",
] as const;

/** The byte order mark that tells Excel the file is UTF-8 (without it, "ë" arrives garbled). */
const BOM = "\uFEFF";

/** A number as Dutch Excel reads it: a decimal comma, no thousands separator. */
function excelNumber(value: number | null): string {
  return value === null || !Number.isFinite(value) ? "" : String(value).replace(".", ",");
}

function excelRow(cells: readonly string[]): string {
  return `${cells.join(";")}\r\n`;
}

/**
 * The CSV's own rows as a file that Dutch Excel opens in columns: `;` between cells, a decimal
 * comma, a UTF-8 BOM before the header, and a Dutch label beside each id. Text cells get the same
 * formula guard and quoting as the CSV. A slice of rows at a time, so it streams like csvText.
 */
export async function* excelCsvText(rows: AsyncIterable<readonly CsvRow[]> | Iterable<readonly CsvRow[]>, labels: ExcelLabels): AsyncGenerator<string> {
  const text = (value: string | null) => csvCell(value, ";");
  yield BOM + excelRow(EXCEL_COLUMNS.map((c) => text(c)));
  for await (const slice of rows) {
    let chunk = "";
    for (const [session, rater, role, element, t, value, kind, behaviour] of slice) {
      chunk += excelRow([
        text(session),
        text(rater),
        text(labels.roles[role]),
        text(role),
        text(labels.elements[element]),
        text(element),
        excelNumber(t),
        excelNumber(value),
        text(EXCEL_KIND_LABELS[kind]),
        text(kind),
        text(behaviour === null ? null : (labels.behaviours[behaviour] ?? null)),
        text(behaviour),
      ]);
    }
    yield chunk;
  }
}

// ---- JSON, the whole session ----

export interface JsonContext extends ReportContext {
  exportedAt: number;
  tips: RankedTip[] | null;
}

/** Stands in for the samples while the rest of the document is written (never user text: see sessionJsonText). */
const SAMPLES_SLOT = "@@samples@@";

function jsonMethod(method: ReturnType<typeof methodReport>) {
  if (!method) return null;
  return {
    id: method.id,
    title: method.title,
    rounds: method.rounds.map((r) => ({ id: r.id, title: r.title, plannedMinutes: r.minutes, startedAt: new Date(r.startedAt).toISOString(), seconds: r.seconds })),
  };
}

/**
 * The whole session as one JSON document, under the same rules as the report: no tokens or hashes
 * (the record never has them), no ids, raters by pseudonym, names only as chosen, removed seats
 * only as a count, flagged texts left out unless chosen. `samples` goes in as given.
 */
function jsonDocument<S>(record: SessionRecord, options: ReportOptions, ctx: JsonContext, samples: S) {
  const { session } = record;
  const people = present(record);
  const byId = new Map(people.map((p) => [p.id, p]));
  const names = namesShown(record, options);
  const learningPoints = anonymousLearningPoints(record.reflections, record.participants);
  const flags = flagsFor(record, learningPoints, names, ctx.elementNames);
  const flagged = flagMap(flags);
  const rater = (id: string) => byId.get(id)!.pseudonym;
  const own = session.source.kind === "media";
  const evaluations = record.evaluations.filter((e) => byId.has(e.participantId));
  return {
    format: "alliantiekompas-sessie",
    version: 1,
    exportedAt: new Date(ctx.exportedAt).toISOString(),
    options: { names, presence: options.presence, flaggedTextsIncluded: options.flagged },
    session: {
      code: session.code,
      title: session.title,
      createdAt: new Date(session.createdAt).toISOString(),
      phase: session.phase,
      phaseLog: session.phaseLog.map((e) => ({ phase: e.phase, at: new Date(e.at).toISOString() })),
      source: own ? { kind: session.source.kind } : { kind: session.source.kind, slug: session.source.slug, title: session.source.title },
      ...(own ? {} : { briefing: { ...session.briefing } }),
      duration: session.duration,
      settings: { ...session.settings },
      revealedAt: session.revealedAt === null ? null : new Date(session.revealedAt).toISOString(),
      discussedTips: [...session.discussedTips],
      method: jsonMethod(methodReport(session)),
      sharedSpiegels: session.sharedSpiegels ?? 0,
    },
    participants: people.map((p) => ({
      pseudonym: p.pseudonym,
      role: p.role,
      joinedAt: new Date(p.joinedAt).toISOString(),
      ...(names ? { name: p.name } : {}),
    })),
    removedParticipants: record.participants.length - people.length,
    presence: options.presence
      ? people.map((p) => ({ name: p.name, role: p.role })).sort((a, b) => a.name.localeCompare(b.name, "nl"))
      : null,
    samples,
    moments: record.moments
      .filter((m) => byId.has(m.participantId))
      .map((m) => {
        const pseudonym = rater(m.participantId);
        return {
          rater: pseudonym,
          seq: m.seq,
          t: m.t,
          element: m.element,
          ...(m.behaviourId ? { behaviourId: m.behaviourId } : {}),
          ...(m.note ? { note: guard(m.note, `moment-note:${pseudonym}:${m.seq}`, flagged, options.flagged) } : {}),
        };
      }),
    finals: record.finals
      .filter((f) => byId.has(f.participantId))
      .map((f) => {
        const pseudonym = rater(f.participantId);
        const notes = f.notes
          ? Object.fromEntries(Object.entries(f.notes).map(([e, text]) => [e, guard(text!, `final-note:${pseudonym}:${e}`, flagged, options.flagged)]))
          : undefined;
        return {
          rater: pseudonym,
          scores: { ...f.scores },
          observed: [...f.observed],
          ...(notes ? { notes } : {}),
          submittedAt: new Date(f.submittedAt).toISOString(),
        };
      }),
    learningPoints: guardLearningPoints(learningPoints, flagged, options.flagged),
    evaluation: {
      questions: ctx.evaluationQuestions.map((q) => ({ id: q.id, label: q.label })),
      summary: summariseEvaluations(ctx.evaluationQuestions, evaluations),
      // Each participant's answers without who, sorted by the answers themselves.
      answers: evaluations.map((e) => ({ ...e.answers })).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
    },
    resultsComputedAt: record.results ? new Date(record.results.computedAt).toISOString() : null,
    results: record.results ? resultsForReport(record.results.results, names) : null,
    tips: ctx.tips,
    personalData: flags,
  };
}

/** One sample of the JSON export, as JSON.stringify(…, null, 2) writes it inside the samples list. */
function jsonSample(rater: string, s: LiveSample): string {
  const v = JSON.stringify;
  return `    {\n      "rater": ${v(rater)},\n      "seq": ${v(s.seq)},\n      "element": ${v(s.element)},\n      "t": ${v(s.t)},\n      "value": ${v(s.value)}\n    }`;
}

/**
 * The JSON export as text, a slice at a time: byte for byte JSON.stringify(document, null, 2) of
 * the whole session (sessionJson), with its samples streamed rater by rater in seat order.
 */
export async function* sessionJsonText(record: SessionRecord, options: ReportOptions, ctx: JsonContext): AsyncGenerator<string> {
  const whole = JSON.stringify(jsonDocument(record, options, ctx, SAMPLES_SLOT), null, 2);
  // The slot is a key of ours at the top level: user text inside the document is quoted, so
  // its quotes are escaped and cannot form this sequence.
  const slot = `\n  "samples": ${JSON.stringify(SAMPLES_SLOT)}`;
  const at = whole.indexOf(slot);
  yield `${whole.slice(0, at)}\n  "samples": `;
  let first = true;
  for (const p of present(record)) {
    for await (const slice of record.samples(p.id)) {
      if (slice.length === 0) continue;
      let chunk = first ? "[\n" : ",\n";
      first = false;
      chunk += slice.map((s) => jsonSample(p.pseudonym, s)).join(",\n");
      yield chunk;
    }
  }
  yield `${first ? "[]" : "\n  ]"}${whole.slice(at + slot.length)}`;
}

// ---- One export, named as data ----

/**
 * Which download to write, as plain data: the server can hand it (with the record minus its
 * samples) to the thread that reads the log and formats the bytes.
 */
export type ExportJob =
  | { kind: "csv" }
  | { kind: "excel"; labels: ExcelLabels }
  | { kind: "json"; options: ReportOptions; ctx: JsonContext };

/** The download's text, a slice at a time: csvText, excelCsvText or sessionJsonText. */
export function exportText(record: SessionRecord, job: ExportJob): AsyncGenerator<string> {
  switch (job.kind) {
    case "csv":
      return csvText(record);
    case "excel":
      return excelCsvText(csvRows(record), job.labels);
    case "json":
      return sessionJsonText(record, job.options, job.ctx);
  }
}
