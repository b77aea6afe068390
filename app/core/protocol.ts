// The realtime contract between the live room's browser clients and the server (docs/protocol.md
// says it in words). Every client→server event is parsed with the schema here before it reaches
// the core, and answered with an Ack.
import { z } from "zod";
import { ELEMENT_IDS, type ElementId, LAG_MAX_SECONDS, SCORE_MAX, SCORE_MIN, type ThemeId, TIP_IDS, type TipId } from "./domain";
import { BSN_REFUSED, containsBsn, type PersonalDataKind } from "./personal-data";
import { type FinalRating, type MomentMark, NAME_DISPLAY, type NameDisplay, type SessionSettings } from "./records";
import type { AgendaView, SessionMethod } from "./agenda";
import { REVEAL_STEPS, type RevealStep } from "./presentation";
import { type Ack, type AppError, ERROR_MESSAGES, type ErrorCode, MAX_NOTE, MAX_SAMPLES_PER_BATCH, PARTICIPANT_ROLES, type ParticipantRole, type Phase, PHASES } from "./protocol-values";
import type { SpiegelShareView } from "./spiegel-share-values";
import type { RevealResults } from "./results";
import type { RankedTip } from "./tip-rules";

// Part of the contract, defined in leaf modules: the records in records.ts (so results.ts and
// content-schema.ts use them without an import cycle through this file), the plain values
// (phases, roles, error codes and messages, limits) in protocol-values.ts, which the browser loads
// without zod. Re-exported here, so this stays the one contract to import.
export { NAME_DISPLAY };
export type { FinalRating, MomentMark, NameDisplay, SessionSettings };
export type { LiveSample, ParticipantRecord } from "./records";
export {
  type Ack,
  type AppError,
  ERROR_CODES,
  ERROR_MESSAGES,
  type ErrorCode,
  MAX_NOTE,
  MAX_SAMPLES_PER_BATCH,
  type ParticipantRole,
  PARTICIPANT_ROLES,
  type Phase,
  PHASES,
  RATER_ROLES,
} from "./protocol-values";

const elementId = z.enum(ELEMENT_IDS);
const value = z.number().min(SCORE_MIN).max(SCORE_MAX);
/** Gesprek time in seconds. The upper bound against the gesprek's length is checked by the core. */
const GESPREK_TIME_MAX = 6 * 3600;
const gesprekTime = z.number().min(0).max(GESPREK_TIME_MAX);
const code = z.string().trim().toUpperCase().regex(/^[A-Z0-9]{4,12}$/);
const token = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/);
const displayName = z
  .string()
  .trim()
  .min(1, "Vul een naam of schuilnaam in.")
  .max(40, "Gebruik hoogstens 40 tekens.")
  // No control characters; everything else is shown as text, never as HTML.
  .regex(/^[^\p{Cc}]*$/u, "De naam bevat tekens die niet zijn toegestaan.");

export const joinPayload = z.union([
  z.strictObject({ code, name: displayName, role: z.enum(PARTICIPANT_ROLES) }),
  z.strictObject({ code, resumeToken: token }),
  z.strictObject({ code, hostToken: token }),
]);
export type JoinPayload = z.infer<typeof joinPayload>;

export const phasePayload = z.strictObject({ phase: z.enum(PHASES) });
export const clockPayload = z.strictObject({ action: z.enum(["play", "pause", "seek"]), t: gesprekTime });
export const removePayload = z.strictObject({ participantId: z.string().min(1).max(64) });
export const focusPayload = z.union([
  z.strictObject({ participantId: z.string().min(1).max(64), element: elementId }),
  /** One click: spread the four elements evenly over the raters. */
  z.strictObject({ spread: z.literal(true) }),
]);
/** A rater changing their own focus element. */
export const ownFocusPayload = z.strictObject({ element: elementId });

export const liveSampleInput = z.strictObject({
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  element: elementId,
  value,
  t: gesprekTime,
});
export const samplesPayload = z.strictObject({
  samples: z.array(liveSampleInput).min(1).max(MAX_SAMPLES_PER_BATCH),
});
export type SamplesPayload = z.infer<typeof samplesPayload>;

const ELEMENT_SET: ReadonlySet<string> = new Set(ELEMENT_IDS);
function plainWith(x: unknown, keys: number): x is Record<string, unknown> {
  if (typeof x !== "object" || x === null || Object.getPrototypeOf(x) !== Object.prototype) return false;
  // Counted without Object.keys' array: the plain prototype has no enumerable keys of its own.
  let n = 0;
  for (const _ in x) n++;
  return n === keys;
}
const within = (x: unknown, min: number, max: number): x is number => typeof x === "number" && x >= min && x <= max;

/**
 * The hot path of `rating:samples` (every rater, once a second): the payload itself when it is a
 * well-formed batch, else null, and then `samplesPayload` parses it and says what is wrong. It
 * accepts nothing the schema refuses (app/core/protocol.test.ts runs both over the same inputs);
 * it only skips the schema's copies, which were a third of what the server allocated per batch
 * under load (docs/decisions/030).
 */
export function wellFormedSamples(payload: unknown): SamplesPayload | null {
  if (!plainWith(payload, 1)) return null;
  const samples = payload.samples;
  if (!Array.isArray(samples) || samples.length < 1 || samples.length > MAX_SAMPLES_PER_BATCH) return null;
  for (const s of samples) {
    if (!plainWith(s, 4)) return null;
    if (!(Number.isSafeInteger(s.seq) && (s.seq as number) >= 1)) return null;
    if (typeof s.element !== "string" || !ELEMENT_SET.has(s.element)) return null;
    if (!within(s.value, SCORE_MIN, SCORE_MAX) || !within(s.t, 0, GESPREK_TIME_MAX)) return null;
  }
  return payload as SamplesPayload;
}

/** Every free text that is stored: a BSN never is (app/core/personal-data.ts). */
const withoutBsn = <T extends z.ZodType<string>>(schema: T) => schema.refine((text) => !containsBsn(text), BSN_REFUSED);
const note = withoutBsn(z.string().trim().max(MAX_NOTE, `Een notitie is hoogstens ${MAX_NOTE} tekens.`));
export const momentPayload = z.strictObject({
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  t: gesprekTime,
  element: elementId,
  behaviourId: z.string().regex(/^[a-z0-9-]{1,64}$/).optional(),
  note: note.optional(),
});
export const finalPayload = z.strictObject({
  scores: z.strictObject({
    vertrouwen: value.int(),
    "richting-kader": value.int(),
    binding: value.int(),
    stroefheid: value.int(),
  }),
  observed: z.array(z.string().regex(/^[a-z0-9-]{1,64}$/)).max(64),
  notes: z
    .strictObject({
      vertrouwen: note.optional(),
      "richting-kader": note.optional(),
      binding: note.optional(),
      stroefheid: note.optional(),
    })
    .optional(),
});

// ---- Reflection, evaluation and the tips discussed (issue 5) ----

export const MAX_REFLECTION_TEXT = 1000;
const reflectionText = (label: string, min?: { length: number; message: string }) => {
  const text = z
    .string()
    .trim()
    .max(MAX_REFLECTION_TEXT, `${label} is hoogstens ${MAX_REFLECTION_TEXT} tekens.`)
    // Newlines and tabs are fine in a reflection; other control characters are not.
    .regex(/^(?:[^\p{Cc}]|[\n\r\t])*$/u, `${label} bevat tekens die niet zijn toegestaan.`);
  return withoutBsn(min ? text.min(min.length, min.message) : text);
};

/** A participant's learning point and one concrete action; the werkblad themes as optional prompts. */
export const reflectionPayload = z.strictObject({
  learningPoint: reflectionText("Het leerpunt", { length: 1, message: "Schrijf op wat je uit deze sessie meeneemt." }),
  action: reflectionText("De actie", { length: 1, message: "Schrijf één concrete actie op." }),
  themes: z
    .strictObject({
      ervaringen: reflectionText("De tekst bij ervaringen").optional(),
      behoeften: reflectionText("De tekst bij behoeften").optional(),
      toekomst: reflectionText("De tekst bij toekomst").optional(),
    })
    .optional(),
});

/** Question ids come from content/evaluation.yaml; the core checks them against it. */
export const EVALUATION_QUESTION_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const evaluationPayload = z.strictObject({
  answers: z
    .record(
      z.string().regex(EVALUATION_QUESTION_ID, "Onbekende vraag.").max(40),
      z.number().int("Geef een heel getal van 0 tot 10.").min(SCORE_MIN).max(SCORE_MAX),
    )
    .refine((answers) => Object.keys(answers).length <= 20, "Te veel antwoorden."),
});

export const tipDiscussedPayload = z.strictObject({ tipId: z.enum(TIP_IDS), discussed: z.boolean() });
export const projectReflectionsPayload = z.strictObject({ show: z.boolean() });
/** Reaction-time correction after the reveal: every rater's live ratings this many whole seconds earlier. */
export const lagPayload = z.strictObject({
  seconds: z.number().int("Kies een heel aantal seconden.").min(0).max(LAG_MAX_SECONDS, `Kies 0 tot ${LAG_MAX_SECONDS} seconden.`),
});

// ---- What the projector shows after the reveal (issue 9) ----

const focusId = z.string().regex(/^[a-z0-9-]{1,64}$/, "Onbekende hotspot of tip.");
/** The host picks the reveal step the projector shows, and the hotspot or tip under discussion. */
export const presentationPayload = z.strictObject({
  step: z.enum(REVEAL_STEPS, { error: "Kies een stap van de onthulling." }),
  focus: z.union([z.strictObject({ kind: z.enum(["hotspot", "tip"]), id: focusId }), z.null()]),
});
export type PresentationFocus = { kind: "hotspot" | "tip"; id: string };
/** round:set (host): the method's agenda moves to this round (0-based); the core checks it against the agenda. */
export const roundPayload = z.strictObject({ index: z.number().int("Kies een ronde van de werkvorm.").min(0).max(99) });
export interface Presentation {
  step: RevealStep;
  focus: PresentationFocus | null;
}
/** The id of a divergence hotspot in a presentation focus: its element and start second ("binding-45"). */
export function hotspotFocusId(hotspot: { elementId: ElementId; start: number }): string {
  return `${hotspot.elementId}-${Math.max(0, Math.round(hotspot.start))}`;
}

export interface Reflection {
  participantId: string;
  learningPoint: string;
  action: string;
  themes?: Partial<Record<ThemeId, string>>;
  submittedAt: number;
}

export interface SessionEvaluation {
  participantId: string;
  /** Question id (content/evaluation.yaml) → 0–10. */
  answers: Record<string, number>;
  submittedAt: number;
}

/** A learning point as the projector and the report show it: no name, in an order that says nothing about who. */
export interface AnonymousLearningPoint {
  /** 1, 2, 3 …: "Leerpunt 3" in the projection, the report and the personal-data flags. */
  number: number;
  learningPoint: string;
  action: string;
  themes: Partial<Record<ThemeId, string>>;
}

export type FlaggedItemKind = "final-note" | "moment-note" | "learning-point" | "action" | "theme";

/** A text that looks like it holds personal data (app/core/personal-data.ts): which item, what kind. Never the text. */
export interface PersonalDataFlag {
  /** Stable id of the item, e.g. "final-note:Beoordelaar 2:binding", "learning-point:3". */
  item: string;
  itemKind: FlaggedItemKind;
  /** Dutch: "Notitie van Beoordelaar 2 bij Binding", "Actie bij leerpunt 3". */
  label: string;
  kinds: PersonalDataKind[];
  /** Dutch: "lijkt een telefoonnummer te bevatten". */
  message: string;
}

/** What only the host's snapshot holds about the reflection. */
export interface HostReflectionView {
  /** Participants (not removed) who wrote a reflection / filled in the evaluation. Counts, not who. */
  reflections: number;
  evaluations: number;
  /** Participants (not removed) who did both: the rest are still busy. */
  finished: number;
  /** Participants (not removed) who could. */
  participants: number;
  /** The host shows the learning points on the projector. */
  projecting: boolean;
  /** While projecting: every learning point, without names, in a fixed order. Empty otherwise. */
  projected: AnonymousLearningPoint[];
  /** From the reveal on: texts that look like personal data, to check before the report is shared. */
  personalData: PersonalDataFlag[];
  /**
   * Who is there by their own name, with role (seats not removed), sorted by name: in pseudonym mode
   * the host's way to check the room. Host sockets only; a screen never puts it beside a pseudonym.
   */
  roster?: RosterEntry[];
}

/** A seat by its real name, for the host only. */
export interface RosterEntry {
  id: string;
  name: string;
  role: ParticipantRole;
}

// ---- Records the server stores, and the core computes with (most of them in records.ts) ----

/** The gesprek clock: `t` seconds at server time `at` (epoch ms), running or not. */
export interface ClockState {
  playing: boolean;
  t: number;
  at: number;
}

export type SourceKind = "vignette" | "media" | "roleplay";

// ---- What a participant may see ----

export interface ParticipantView {
  id: string;
  /** The name or the pseudonym, as the session's settings say. */
  displayName: string;
  role: ParticipantRole;
  focus: ElementId | null;
  connected: boolean;
  /** Sent a live sample in the last few seconds. Presence only, never a value. */
  active: boolean;
  finalSubmitted: boolean;
}

export interface OwnView {
  id: string;
  name: string;
  role: ParticipantRole | "host";
  focus: ElementId | null;
  /** Highest live-sample seq the server has stored for this participant (0 if none). */
  lastSampleSeq: number;
  lastMomentSeq: number;
  /** Own latest value per element, to restore sliders after a reload. */
  current: Partial<Record<ElementId, number>>;
  moments: MomentMark[];
  final: FinalRating | null;
  /** Own reflection (participants; absent in older servers). */
  reflection?: Reflection | null;
  /** Own answers to the session evaluation. */
  evaluation?: SessionEvaluation | null;
}

export interface SessionSnapshot {
  sessionId: string;
  code: string;
  title: string;
  phase: Phase;
  source: { kind: SourceKind; slug?: string; title?: string; mediaUrl?: string; mediaType?: string };
  briefing: { setting: string; question: string };
  clock: ClockState;
  /** Length of the gesprek in seconds, when known (vignette, uploaded media). */
  duration: number | null;
  settings: SessionSettings;
  participants: ParticipantView[];
  you: OwnView;
  /** Server time when this snapshot was made, so clients can correct their clock offset. */
  serverTime: number;
  /** Tips (ids) the host marked as discussed; for everyone. */
  discussedTips?: TipId[];
  /** The reveal step and focus the host put on the projector (reveal and discussion); null before. */
  presentation?: Presentation | null;
  /** The OT method the session follows (its rounds), or null; and which round runs since when (server ms). */
  method?: SessionMethod | null;
  agenda?: AgendaView | null;
  /** Shared mirrors (docs/decisions/023): the host's snapshot has all, a participant's only their own. */
  spiegels?: SpiegelShareView[];
  /** Only in the host's snapshot. */
  host?: HostReflectionView;
}

export interface JoinResult {
  participantId: string;
  resumeToken: string;
  role: ParticipantRole | "host";
  state: SessionSnapshot;
}

// ---- Socket.IO event maps (typed on both ends) ----

type Reply<T> = (ack: Ack<T>) => void;

export interface ClientToServerEvents {
  "session:join": (payload: unknown, reply: Reply<JoinResult>) => void;
  "session:phase": (payload: unknown, reply: Reply<{ phase: Phase }>) => void;
  "session:clock": (payload: unknown, reply: Reply<ClockState>) => void;
  "participant:remove": (payload: unknown, reply: Reply<{ participantId: string }>) => void;
  "participant:focus": (payload: unknown, reply: Reply<{ focus: Record<string, ElementId | null> }>) => void;
  "participant:own-focus": (payload: unknown, reply: Reply<{ focus: ElementId }>) => void;
  "rating:samples": (payload: unknown, reply: Reply<{ lastSeq: number }>) => void;
  "moment:mark": (payload: unknown, reply: Reply<{ lastSeq: number }>) => void;
  "rating:final": (payload: unknown, reply: Reply<{ submittedAt: number }>) => void;
  "reflection:submit": (payload: unknown, reply: Reply<{ submittedAt: number }>) => void;
  "evaluation:submit": (payload: unknown, reply: Reply<{ submittedAt: number }>) => void;
  "tips:discussed": (payload: unknown, reply: Reply<{ discussedTips: TipId[] }>) => void;
  "reflection:project": (payload: unknown, reply: Reply<{ projecting: boolean }>) => void;
  "results:lag": (payload: unknown, reply: Reply<{ lagSeconds: number }>) => void;
  "presentation:show": (payload: unknown, reply: Reply<{ presentation: Presentation }>) => void;
  "round:set": (payload: unknown, reply: Reply<{ agenda: AgendaView }>) => void;
  "spiegel:share": (payload: unknown, reply: Reply<{ shareId: string; status: "pending" }>) => void;
  "spiegel:decide": (payload: unknown, reply: Reply<{ shareId: string; accepted: boolean }>) => void;
}

/**
 * Host only: a rater's batch of live samples is durably stored. Counts, never a value: the host sees
 * that someone rates and how much, not what.
 */
export interface RatingProgress {
  participantId: string;
  /** Highest live-sample seq now stored for this rater. */
  lastSeq: number;
  /** How many new samples were stored since the previous rating:progress. */
  samples: number;
}

export interface ServerToClientEvents {
  "session:state": (state: SessionSnapshot) => void;
  /** The reveal results (app/core/results-schema.ts); again after every change of the reaction time. */
  "session:results": (results: RevealResults) => void;
  /** The six tips ranked for this session's results; right after every session:results. */
  "session:tips": (tips: RankedTip[]) => void;
  "session:removed": (info: { message: string }) => void;
  /** This seat now rates in another tab or device (the newest connection of a seat wins); stop here. */
  "session:taken-over": (info: { message: string }) => void;
  /** Volatile presence for the host: who is rating right now. */
  "presence:active": (info: { active: string[] }) => void;
  /** To the host's sockets: the batches of live samples stored in one turn of the server's loop, per rater (counts only). */
  "rating:progress": (info: { raters: RatingProgress[] }) => void;
  /** To the host's sockets when storing starts failing (a full disk) and when it works again; on join while it fails. */
  "storage:status": (info: StorageStatus) => void;
}

/** Whether the server can store right now; `message` is Dutch, for the host screen (as text). */
export interface StorageStatus {
  ok: boolean;
  message: string;
}

export function fail(code: ErrorCode, message?: string): { ok: false; error: AppError } {
  return { ok: false, error: { code, message: message ?? ERROR_MESSAGES[code] } };
}
export function ok<T>(data: T): { ok: true; data: T } {
  return { ok: true, data };
}
