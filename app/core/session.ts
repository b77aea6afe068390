// The live OT session as pure data: the phase machine, the clock, focus assignment, rating intake
// with dedupe by seq, and the role-filtered snapshot each participant may see.
//
// No I/O, no clock, no randomness: time, ids and token hashes come in as arguments. Every
// transition is `(state, command, ctx) => Result<{ state, events }>`; the server loads, applies,
// persists what the events say, acks and broadcasts (server/realtime/rooms/commands.ts).
import { z } from "zod";
import { ELEMENT_IDS, type ElementId, THEME_IDS, type ThemeId, TIP_IDS, type TipId } from "./domain";
import { type AgendaState, moveToRound, newAgenda, type SessionMethod } from "./agenda";
import { checkEvaluationAnswers } from "./evaluation";
import {
  type AppError,
  type HostReflectionView,
  type ClockState,
  fail,
  type FinalRating,
  type LiveSample,
  MAX_NOTE,
  type MomentMark,
  NAME_DISPLAY,
  type OwnView,
  type ParticipantRecord,
  type ParticipantRole,
  type ParticipantView,
  type Phase,
  type Presentation,
  type PresentationFocus,
  RATER_ROLES,
  type Reflection,
  type SessionEvaluation,
  type SessionSettings,
  type SessionSnapshot,
  type SourceKind,
} from "./protocol";
import type { RevealStep } from "./presentation";
import { PHASE_LABELS } from "./protocol-values";
import { anonymousLearningPoints, personalDataFlags } from "./reflection";
import { decideShare, shareRefusal, shareViews, type SpiegelShow, type SpiegelSummary, type StoredSpiegelShare } from "./spiegel-share";

// ---------------------------------------------------------------------------------------------
// Phases
// ---------------------------------------------------------------------------------------------

export { PHASE_LABELS };

/** Where the host may go from each phase. `final → live` reopens the live rating before reveal. */
export const PHASE_TRANSITIONS: Record<Phase, readonly Phase[]> = {
  lobby: ["briefing"],
  briefing: ["live"],
  live: ["final"],
  final: ["reveal", "live"],
  reveal: ["discussion", "closed"],
  discussion: ["reflection", "closed"],
  reflection: ["closed"],
  closed: [],
};

export function canTransition(from: Phase, to: Phase): boolean {
  return PHASE_TRANSITIONS[from].includes(to);
}

/** Phases in which new participants may still join (resuming a seat always works). */
const JOIN_PHASES: readonly Phase[] = ["lobby", "briefing", "live", "final"];
/** Phases in which focus elements may be handed out or changed. */
const FOCUS_PHASES: readonly Phase[] = ["lobby", "briefing", "live", "final"];
/**
 * Live samples and moments are taken in `live`, and still in `final`: a phone that was offline
 * delivers what it recorded during live when it comes back. After reveal the results are fixed.
 */
const RATING_PHASES: readonly Phase[] = ["live", "final"];
/** The clock may be moved from the briefing on (to cue a recording) until the session closes. */
const CLOCK_PHASES: readonly Phase[] = ["briefing", "live", "final", "reveal", "discussion", "reflection"];
/** Learning points and the session evaluation are written in the reflection phase, and may change until closed. */
const REFLECTION_PHASES: readonly Phase[] = ["reflection"];
/** Tips can be marked as discussed once the results are there. */
const TIP_PHASES: readonly Phase[] = ["reveal", "discussion", "reflection"];
/** The host steps the projector through the reveal while the results are on it. */
const PRESENTATION_PHASES: readonly Phase[] = ["reveal", "discussion"];
/** Phases in which the clock keeps running; leaving live for any other phase pauses it. */
const RUNNING_PHASES: readonly Phase[] = ["briefing", "live", "reveal", "discussion", "reflection"];

export const MAX_PARTICIPANTS = 80;
/** A rater counts as "actively rating" when a sample arrived in this window. */
export const ACTIVE_WINDOW_MS = 5_000;

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

export interface MediaInfo {
  /** Random file name inside the session's folder. */
  file: string;
  /** Sniffed from the content, audio/* or video/*. */
  type: string;
  size: number;
  /** Secret that participants get in the snapshot's mediaUrl; the media route checks it. */
  key: string;
  uploadedAt: number;
}

export interface SessionSource {
  kind: SourceKind;
  slug: string | null;
  title: string | null;
  media: MediaInfo | null;
}

export interface StoredParticipant extends ParticipantRecord {
  /** sha-256 of the resume token; the token itself is only ever held by the participant's browser. */
  resumeTokenHash: string;
}

/** The session document: everything except the live ratings. Stored as one small JSON file. */
export interface SessionDoc {
  version: 1;
  id: string;
  code: string;
  /** sha-256 of the host token. */
  hostTokenHash: string;
  title: string;
  createdAt: number;
  phase: Phase;
  /** When each phase began: the timeline the reveal and the report read. */
  phaseLog: { phase: Phase; at: number }[];
  source: SessionSource;
  briefing: { setting: string; question: string };
  /** Length of the gesprek in seconds, when known. */
  duration: number | null;
  clock: ClockState;
  settings: SessionSettings;
  participants: StoredParticipant[];
  revealedAt: number | null;
  /** Tips the host marked as discussed (absent: none). */
  discussedTips?: TipId[];
  /** The host shows the learning points, anonymously, on the projector. */
  projectReflections?: boolean;
  /** The reveal step and focus on the projector (absent: not chosen yet). */
  presentation?: Presentation | null;
  /** The OT method the session follows and where its agenda stands (absent: no method; app/core/agenda.ts). */
  method?: SessionMethod | null;
  agenda?: AgendaState | null;
  /** Mirrors participants shared (pending or accepted; summaries only), docs/decisions/023. */
  sharedSpiegels?: StoredSpiegelShare[];
}

export interface RaterLive {
  /**
   * Highest live-sample seq stored. Clients send in seq order, so a seq at or below it is a
   * retry of something already stored (or of something refused, which stays refused).
   */
  lastSampleSeq: number;
  lastMomentSeq: number;
  /** Latest value per element (by seq), to restore the sliders after a reload. */
  current: Partial<Record<ElementId, { seq: number; value: number }>>;
  /** Wall time (ms) of the last accepted sample: presence, never a value. */
  lastSampleAt: number | null;
  momentList: MomentMark[];
  final: FinalRating | null;
  /** The latest reflection and evaluation (absent: none yet). */
  reflection?: Reflection | null;
  evaluation?: SessionEvaluation | null;
}

export interface SessionState {
  doc: SessionDoc;
  /** Per participant id. Absent until the first rating arrives. */
  live: Readonly<Record<string, RaterLive>>;
}

export type Actor = { kind: "host" } | { kind: "participant"; participantId: string } | { kind: "guest" };

export interface TransitionContext {
  /** Wall clock, epoch ms. */
  now: number;
  /** Every behaviour and stroefheid signal id with its element (from content). */
  behaviours: ReadonlyMap<string, ElementId | string>;
  /** The session evaluation's questions (content/evaluation.yaml); without them no evaluation is taken. */
  evaluationQuestions?: readonly { id: string }[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

// ---------------------------------------------------------------------------------------------
// Commands and events
// ---------------------------------------------------------------------------------------------

export type SessionCommand =
  | { type: "join"; participantId: string; resumeTokenHash: string; name: string; role: ParticipantRole }
  | { type: "resume"; resumeTokenHash: string }
  | { type: "attach-host"; hostTokenHash: string }
  | { type: "phase"; phase: Phase }
  | { type: "clock"; action: "play" | "pause" | "seek"; t: number }
  | { type: "remove"; participantId: string }
  | { type: "focus"; participantId: string; element: ElementId }
  | { type: "spread-focus" }
  | { type: "own-focus"; element: ElementId }
  | { type: "samples"; samples: readonly { seq: number; element: ElementId; value: number; t: number }[] }
  | { type: "moment"; seq: number; t: number; element: ElementId; behaviourId?: string; note?: string }
  | {
      type: "final";
      scores: Readonly<Record<ElementId, number>>;
      observed: readonly string[];
      notes?: Readonly<Partial<Record<ElementId, string | undefined>>>;
    }
  | { type: "media"; media: MediaInfo; duration: number | null }
  | { type: "reflection"; learningPoint: string; action: string; themes?: Readonly<Partial<Record<ThemeId, string | undefined>>> }
  | { type: "evaluation"; answers: Readonly<Record<string, number>> }
  | { type: "tip-discussed"; tipId: TipId; discussed: boolean }
  | { type: "project-reflections"; show: boolean }
  | { type: "present"; step: RevealStep; focus: PresentationFocus | null }
  | { type: "round"; index: number }
  | { type: "spiegel-share"; shareId: string; show: SpiegelShow; summary: SpiegelSummary }
  | { type: "spiegel-decide"; shareId: string; accept: boolean };

export type SessionEvent =
  | { type: "participant-joined"; participant: ParticipantRecord }
  | { type: "participant-resumed"; participantId: string }
  | { type: "host-attached" }
  | { type: "phase-changed"; from: Phase; to: Phase; at: number }
  | { type: "clock-changed"; clock: ClockState }
  | { type: "participant-removed"; participantId: string }
  | { type: "focus-changed"; focus: Record<string, ElementId | null> }
  | { type: "samples-stored"; participantId: string; samples: LiveSample[]; at: number }
  | { type: "moment-stored"; moment: MomentMark; at: number }
  | { type: "final-stored"; rating: FinalRating }
  | { type: "media-changed"; previous: MediaInfo | null }
  | { type: "reflection-stored"; reflection: Reflection }
  | { type: "evaluation-stored"; evaluation: SessionEvaluation }
  | { type: "tips-changed"; discussedTips: TipId[] }
  | { type: "projection-changed"; projecting: boolean }
  | { type: "presentation-changed"; presentation: Presentation }
  | { type: "round-changed"; agenda: AgendaState }
  | { type: "spiegels-changed" };

export type Transition = Result<{ state: SessionState; events: SessionEvent[] }>;

/** Events that change the session document (the rest go to the rating log). */
export function changesDocument(event: SessionEvent): boolean {
  return (
    event.type === "participant-joined" ||
    event.type === "phase-changed" ||
    event.type === "clock-changed" ||
    event.type === "participant-removed" ||
    event.type === "focus-changed" ||
    event.type === "media-changed" ||
    event.type === "tips-changed" ||
    event.type === "projection-changed" ||
    event.type === "presentation-changed" ||
    event.type === "round-changed" ||
    event.type === "spiegels-changed"
  );
}

/** Events after which participants' snapshots differ (samples and moments show only in the ack). */
export function changesSnapshot(event: SessionEvent): boolean {
  // A reflection or evaluation changes the host's counts (and the projection), and the writer's own view.
  return changesDocument(event) || event.type === "final-stored" || event.type === "reflection-stored" || event.type === "evaluation-stored";
}

// ---------------------------------------------------------------------------------------------
// Creating a session
// ---------------------------------------------------------------------------------------------

export const DEFAULT_QUESTION =
  "Hoe zie je vertrouwen, richting & kader, binding en stroefheid terug in dit gesprek, en op welke momenten verandert het?";

const trimmedText = (max: number, label: string) =>
  z.string().trim().max(max, `${label} is hoogstens ${max} tekens.`).regex(/^[^\p{Cc}]*$/u, `${label} bevat tekens die niet zijn toegestaan.`);
const multilineText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} is hoogstens ${max} tekens.`)
    // Newlines and tabs are fine in a setting; other control characters are not.
    .regex(/^(?:[^\p{Cc}]|[\n\r\t])*$/u, `${label} bevat tekens die niet zijn toegestaan.`);
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Kies een gesprek uit de bibliotheek.").max(100);

/** The form of /sessies/nieuw and the body of POST /api/sessions: one schema for both. */
export const createSessionInput = z.strictObject({
  title: trimmedText(120, "De titel").min(1, "Geef de sessie een titel."),
  source: z.discriminatedUnion(
    "kind",
    [
      z.strictObject({ kind: z.literal("vignette"), slug }),
      z.strictObject({ kind: z.literal("media") }),
      z.strictObject({ kind: z.literal("roleplay"), slug: slug.optional() }),
    ],
    { error: "Kies wat de groep bekijkt: een gesprek uit de bibliotheek, een eigen opname of een rollenspel." },
  ),
  question: multilineText(1000, "De vraag aan de groep").optional(),
  setting: multilineText(4000, "De situatieschets").optional(),
  separateRoles: z.boolean({ error: "Kies of ervaringsdeskundigen apart worden getoond." }),
  nameDisplay: z.enum(NAME_DISPLAY, { error: "Kies hoe namen in de groep worden getoond." }),
  allowSingleRaterGroup: z.boolean().optional(),
  /** An OT method from content/methods (its file name); none: no agenda. */
  method: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Kies een werkvorm uit de lijst.").max(60).optional(),
});
export type CreateSessionCommand = z.infer<typeof createSessionInput>;

export interface NewSessionArgs {
  id: string;
  code: string;
  hostTokenHash: string;
  now: number;
  input: CreateSessionCommand;
  /** The vignette the session uses (vignette, or role-play from a vignette's script). */
  vignette: { title: string; situation: string; groupQuestion: string; duration: number } | null;
  /** The method the host chose, from content (null: none). */
  method?: SessionMethod | null;
}

export function newSessionDoc({ id, code, hostTokenHash, now, input, vignette, method }: NewSessionArgs): SessionDoc {
  const kind = input.source.kind;
  const slugOf = "slug" in input.source ? (input.source.slug ?? null) : null;
  return {
    version: 1,
    id,
    code,
    hostTokenHash,
    title: input.title,
    createdAt: now,
    phase: "lobby",
    phaseLog: [{ phase: "lobby", at: now }],
    source: { kind, slug: vignette ? slugOf : null, title: vignette?.title ?? null, media: null },
    briefing: {
      setting: input.setting || vignette?.situation || "",
      question: input.question || vignette?.groupQuestion || DEFAULT_QUESTION,
    },
    // A role-play runs as long as it runs; only a vignette's transcript has a known length.
    duration: kind === "vignette" && vignette ? vignette.duration : null,
    clock: { playing: false, t: 0, at: now },
    settings: {
      separateRoles: input.separateRoles,
      nameDisplay: input.nameDisplay,
      allowSingleRaterGroup: input.allowSingleRaterGroup ?? false,
    },
    participants: [],
    revealedAt: null,
    ...(method ? { method, agenda: newAgenda() } : {}),
  };
}

export function initialState(doc: SessionDoc): SessionState {
  return { doc, live: {} };
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

export function isRater(role: ParticipantRole): boolean {
  return RATER_ROLES.includes(role);
}

/** The gesprek time of a clock at wall time `now`, bounded by the gesprek's length when known. */
export function clockTime(clock: ClockState, now: number, duration: number | null): number {
  const t = clock.playing ? clock.t + Math.max(0, now - clock.at) / 1000 : clock.t;
  return duration === null ? t : Math.min(t, duration);
}

function formatTime(seconds: number): string {
  const s = Math.floor(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function pseudonymFor(participants: readonly StoredParticipant[], role: ParticipantRole): string {
  // Numbered per kind and never reused (removed seats keep theirs), so "Beoordelaar 3" stays one person.
  if (role === "observator") return `Observator ${participants.filter((p) => p.role === "observator").length + 1}`;
  return `Beoordelaar ${participants.filter((p) => isRater(p.role)).length + 1}`;
}

export function emptyLive(): RaterLive {
  return { lastSampleSeq: 0, lastMomentSeq: 0, current: {}, lastSampleAt: null, momentList: [], final: null };
}

function liveOf(state: SessionState, participantId: string): RaterLive {
  return state.live[participantId] ?? emptyLive();
}

function withLive(state: SessionState, participantId: string, live: RaterLive): SessionState {
  return { ...state, live: { ...state.live, [participantId]: live } };
}

function withDoc(state: SessionState, doc: SessionDoc): SessionState {
  return { ...state, doc };
}

function done(state: SessionState, events: SessionEvent[]): Transition {
  return { ok: true, value: { state, events } };
}

function refuse(code: AppError["code"], message?: string): Transition {
  return fail(code, message);
}

// ---------------------------------------------------------------------------------------------
// Rating intake (shared by commands and by replay of the stored log)
// ---------------------------------------------------------------------------------------------

/**
 * Stores the samples whose seq is above the highest stored one; returns the new state and those
 * samples (in seq order). A retry, whole or in part, stores nothing twice.
 */
export function storeSamples(
  state: SessionState,
  participantId: string,
  samples: readonly { seq: number; element: ElementId; value: number; t: number }[],
  at: number | null,
): { state: SessionState; stored: LiveSample[] } {
  const live = liveOf(state, participantId);
  // A client sends its samples in seq order (and replay reads them so): sorted only when not.
  const inOrder = samples.every((s, i) => i === 0 || samples[i - 1].seq < s.seq);
  const sorted = inOrder ? samples : [...samples].sort((a, b) => a.seq - b.seq);
  const stored: LiveSample[] = [];
  let last = live.lastSampleSeq;
  for (const s of sorted) {
    if (s.seq <= last) continue;
    last = s.seq;
    stored.push({ participantId, seq: s.seq, element: s.element, value: s.value, t: s.t });
  }
  if (stored.length === 0) return { state, stored };
  const current = { ...live.current };
  for (const s of stored) {
    const prev = current[s.element];
    if (!prev || prev.seq < s.seq) current[s.element] = { seq: s.seq, value: s.value };
  }
  const next: RaterLive = {
    ...live,
    lastSampleSeq: last,
    current,
    lastSampleAt: at ?? live.lastSampleAt,
  };
  return { state: withLive(state, participantId, next), stored };
}

export function storeMoment(state: SessionState, moment: MomentMark): { state: SessionState; stored: boolean } {
  const live = liveOf(state, moment.participantId);
  if (moment.seq <= live.lastMomentSeq) return { state, stored: false };
  const next: RaterLive = { ...live, lastMomentSeq: moment.seq, momentList: [...live.momentList, moment] };
  return { state: withLive(state, moment.participantId, next), stored: true };
}

export function storeFinal(state: SessionState, rating: FinalRating): SessionState {
  return withLive(state, rating.participantId, { ...liveOf(state, rating.participantId), final: rating });
}

export function storeReflection(state: SessionState, reflection: Reflection): SessionState {
  return withLive(state, reflection.participantId, { ...liveOf(state, reflection.participantId), reflection });
}

export function storeEvaluation(state: SessionState, evaluation: SessionEvaluation): SessionState {
  return withLive(state, evaluation.participantId, { ...liveOf(state, evaluation.participantId), evaluation });
}

type FinalBody = Pick<FinalRating, "scores" | "observed" | "notes">;

function sameFinal(a: FinalBody, b: FinalBody): boolean {
  const norm = (r: FinalBody) =>
    JSON.stringify([ELEMENT_IDS.map((e) => r.scores[e]), [...r.observed].sort(), ELEMENT_IDS.map((e) => r.notes?.[e] ?? "")]);
  return norm(a) === norm(b);
}

// ---------------------------------------------------------------------------------------------
// The transition
// ---------------------------------------------------------------------------------------------

export function applyCommand(state: SessionState, command: SessionCommand, actor: Actor, ctx: TransitionContext): Transition {
  const doc = state.doc;
  switch (command.type) {
    case "join":
      return join(state, command, ctx);
    case "resume": {
      const p = doc.participants.find((x) => x.resumeTokenHash === command.resumeTokenHash);
      if (!p) return refuse("unauthorized", "Deze plek in de sessie is niet (meer) geldig. Meld je opnieuw aan met je naam.");
      if (p.removed) return refuse("removed");
      return done(state, [{ type: "participant-resumed", participantId: p.id }]);
    }
    case "attach-host":
      if (command.hostTokenHash !== doc.hostTokenHash) return refuse("unauthorized", "Deze begeleiderslink klopt niet.");
      return done(state, [{ type: "host-attached" }]);
    default:
      break;
  }

  // Everything below needs a known actor.
  if (actor.kind === "guest") return refuse("unauthorized");
  if (actor.kind === "participant") {
    const p = doc.participants.find((x) => x.id === actor.participantId);
    if (!p) return refuse("unauthorized");
    if (p.removed) return refuse("removed");
  }
  const hostOnly = () => (actor.kind === "host" ? null : refuse("forbidden"));

  switch (command.type) {
    case "phase":
      return hostOnly() ?? changePhase(state, command.phase, ctx);
    case "clock":
      return hostOnly() ?? moveClock(state, command, ctx);
    case "remove":
      return hostOnly() ?? removeParticipant(state, command.participantId);
    case "focus":
      return hostOnly() ?? setFocus(state, command.participantId, command.element);
    case "spread-focus":
      return hostOnly() ?? spreadFocus(state);
    case "media":
      return hostOnly() ?? setMedia(state, command);
    case "tip-discussed":
      return hostOnly() ?? markTip(state, command);
    case "project-reflections":
      return hostOnly() ?? projectReflections(state, command.show);
    case "present":
      return hostOnly() ?? showOnProjector(state, command);
    case "round":
      return hostOnly() ?? setRound(state, command.index, ctx);
    case "spiegel-decide": {
      if (actor.kind !== "host") return refuse("forbidden", "Alleen de begeleider beslist over een gedeelde spiegel.");
      const decided = decideShare(doc.phase, doc.sharedSpiegels ?? [], command.shareId, command.accept);
      if (!decided.ok) return decided;
      return done(withDoc(state, { ...doc, sharedSpiegels: decided.shares }), decided.changed ? [{ type: "spiegels-changed" }] : []);
    }
    case "spiegel-share": {
      if (actor.kind !== "participant") return refuse("forbidden", "Als begeleider deel je geen spiegel in de sessie.");
      const refusal = shareRefusal(doc.phase, doc.sharedSpiegels ?? [], actor.participantId);
      if (refusal) return refuse(refusal.code, refusal.message);
      const share: StoredSpiegelShare = { id: command.shareId, participantId: actor.participantId, show: command.show, status: "pending", summary: command.summary, sharedAt: ctx.now };
      return done(withDoc(state, { ...doc, sharedSpiegels: [...(doc.sharedSpiegels ?? []), share] }), [{ type: "spiegels-changed" }]);
    }
    case "reflection":
    case "evaluation":
      if (actor.kind !== "participant") {
        return refuse("forbidden", command.type === "reflection" ? "Als begeleider schrijf je geen leerpunt in de sessie." : "Als begeleider vul je de evaluatie niet in.");
      }
      return command.type === "reflection" ? writeReflection(state, actor.participantId, command, ctx) : writeEvaluation(state, actor.participantId, command, ctx);
    case "own-focus":
      if (actor.kind !== "participant") return refuse("forbidden", "Als begeleider heb je geen eigen focus-element.");
      return setFocus(state, actor.participantId, command.element, true);
    case "samples":
    case "moment":
    case "final": {
      if (actor.kind !== "participant") return refuse("forbidden", "Als begeleider beoordeel je niet mee.");
      const p = doc.participants.find((x) => x.id === actor.participantId)!;
      if (!isRater(p.role)) return refuse("forbidden", "Als observator kijk je mee, maar beoordeel je niet.");
      if (command.type === "samples") return takeSamples(state, p.id, command.samples, ctx);
      if (command.type === "moment") return markMoment(state, p.id, command, ctx);
      return submitFinal(state, p.id, command, ctx);
    }
  }
}

function join(state: SessionState, command: Extract<SessionCommand, { type: "join" }>, ctx: TransitionContext): Transition {
  const doc = state.doc;
  if (doc.phase === "closed") return refuse("session_closed");
  if (!JOIN_PHASES.includes(doc.phase)) {
    return refuse("wrong_phase", "De beoordeling in deze sessie is al voorbij; nieuwe deelnemers kunnen niet meer aansluiten.");
  }
  if (doc.participants.length >= MAX_PARTICIPANTS) {
    return refuse("forbidden", `Deze sessie is vol (hoogstens ${MAX_PARTICIPANTS} deelnemers).`);
  }
  if (doc.participants.some((p) => p.id === command.participantId || p.resumeTokenHash === command.resumeTokenHash)) {
    return refuse("internal");
  }
  const participant: StoredParticipant = {
    id: command.participantId,
    name: command.name,
    role: command.role,
    pseudonym: pseudonymFor(doc.participants, command.role),
    focus: null,
    joinedAt: ctx.now,
    removed: false,
    resumeTokenHash: command.resumeTokenHash,
  };
  const next = withDoc(state, { ...doc, participants: [...doc.participants, participant] });
  return done(next, [{ type: "participant-joined", participant: publicRecord(participant) }]);
}

export function publicRecord(p: StoredParticipant): ParticipantRecord {
  const { resumeTokenHash: _hidden, ...record } = p;
  return record;
}

function changePhase(state: SessionState, to: Phase, ctx: TransitionContext): Transition {
  const doc = state.doc;
  const from = doc.phase;
  if (from === "closed") return refuse("session_closed");
  if (from === to) return refuse("invalid_transition", `De sessie is al in de fase "${PHASE_LABELS[to]}".`);
  if (!canTransition(from, to)) {
    const allowed = PHASE_TRANSITIONS[from].map((p) => `"${PHASE_LABELS[p]}"`).join(" of ");
    return refuse("invalid_transition", `Van "${PHASE_LABELS[from]}" kun je alleen naar ${allowed}, niet naar "${PHASE_LABELS[to]}".`);
  }
  if (to === "live" && doc.source.kind === "media" && !doc.source.media) {
    return refuse("invalid_transition", "Upload eerst de opname voordat het live beoordelen begint.");
  }
  let clock = doc.clock;
  if (!RUNNING_PHASES.includes(to) && clock.playing) {
    clock = { playing: false, t: clockTime(clock, ctx.now, doc.duration), at: ctx.now };
  }
  const events: SessionEvent[] = [{ type: "phase-changed", from, to, at: ctx.now }];
  if (clock !== doc.clock) events.push({ type: "clock-changed", clock });
  const next: SessionDoc = {
    ...doc,
    phase: to,
    phaseLog: [...doc.phaseLog, { phase: to, at: ctx.now }],
    clock,
    revealedAt: to === "reveal" ? ctx.now : doc.revealedAt,
  };
  return done(withDoc(state, next), events);
}

function moveClock(state: SessionState, command: Extract<SessionCommand, { type: "clock" }>, ctx: TransitionContext): Transition {
  const doc = state.doc;
  if (doc.phase === "closed") return refuse("session_closed");
  if (!CLOCK_PHASES.includes(doc.phase)) return refuse("wrong_phase", "Het gesprek kan pas lopen vanaf de briefing.");
  if (doc.duration !== null && command.t > doc.duration) {
    return refuse("out_of_range", `Dit tijdstip ligt na het einde van het gesprek (${formatTime(doc.duration)}).`);
  }
  const playing = command.action === "play" ? true : command.action === "pause" ? false : doc.clock.playing;
  const clock: ClockState = { playing, t: command.t, at: ctx.now };
  return done(withDoc(state, { ...doc, clock }), [{ type: "clock-changed", clock }]);
}

function removeParticipant(state: SessionState, participantId: string): Transition {
  const doc = state.doc;
  if (doc.phase === "closed") return refuse("session_closed");
  const p = doc.participants.find((x) => x.id === participantId);
  if (!p) return refuse("not_found", "Deze deelnemer zit niet in de sessie.");
  if (p.removed) return refuse("invalid_payload", "Deze deelnemer is al uit de sessie gehaald.");
  const participants = doc.participants.map((x) => (x.id === participantId ? { ...x, removed: true, focus: null } : x));
  return done(withDoc(state, { ...doc, participants }), [{ type: "participant-removed", participantId }]);
}

function focusMap(participants: readonly StoredParticipant[]): Record<string, ElementId | null> {
  return Object.fromEntries(participants.filter((p) => !p.removed && isRater(p.role)).map((p) => [p.id, p.focus]));
}

function setFocus(state: SessionState, participantId: string, element: ElementId, own = false): Transition {
  const doc = state.doc;
  if (doc.phase === "closed") return refuse("session_closed");
  if (!FOCUS_PHASES.includes(doc.phase)) return refuse("wrong_phase", "Na de onthulling verandert de focus niet meer.");
  const p = doc.participants.find((x) => x.id === participantId && !x.removed);
  if (!p) return refuse("not_found", "Deze deelnemer zit niet in de sessie.");
  if (!isRater(p.role)) {
    return refuse("invalid_payload", own ? "Als observator beoordeel je niet en heb je geen focus-element." : "Een observator beoordeelt niet en krijgt geen focus-element.");
  }
  const participants = doc.participants.map((x) => (x.id === participantId ? { ...x, focus: element } : x));
  return done(withDoc(state, { ...doc, participants }), [{ type: "focus-changed", focus: focusMap(participants) }]);
}

/**
 * Spreads the four elements evenly over the raters: counts per element differ by at most one.
 * ADs come first, then ervaringsdeskundigen, continuing the cycle, so both groups cover the elements.
 */
export function spreadFocusAssignment(participants: readonly StoredParticipant[]): Map<string, ElementId> {
  const raters = participants
    .filter((p) => !p.removed && isRater(p.role))
    .sort((a, b) => RATER_ROLES.indexOf(a.role) - RATER_ROLES.indexOf(b.role) || a.joinedAt - b.joinedAt || a.id.localeCompare(b.id));
  return new Map(raters.map((p, i) => [p.id, ELEMENT_IDS[i % ELEMENT_IDS.length]]));
}

function spreadFocus(state: SessionState): Transition {
  const doc = state.doc;
  if (doc.phase === "closed") return refuse("session_closed");
  if (!FOCUS_PHASES.includes(doc.phase)) return refuse("wrong_phase", "Na de onthulling verandert de focus niet meer.");
  const assignment = spreadFocusAssignment(doc.participants);
  if (assignment.size === 0) return refuse("wrong_phase", "Er zijn nog geen beoordelaars om een focus-element te geven.");
  const participants = doc.participants.map((p) => (assignment.has(p.id) ? { ...p, focus: assignment.get(p.id)! } : p));
  return done(withDoc(state, { ...doc, participants }), [{ type: "focus-changed", focus: focusMap(participants) }]);
}

function setMedia(state: SessionState, command: Extract<SessionCommand, { type: "media" }>): Transition {
  const doc = state.doc;
  if (doc.source.kind !== "media") return refuse("wrong_phase", "Deze sessie gebruikt geen eigen opname.");
  if (doc.phase !== "lobby" && doc.phase !== "briefing") {
    return refuse("wrong_phase", "Een opname kan alleen in de lobby of de briefing worden geüpload of vervangen.");
  }
  const previous = doc.source.media;
  const next: SessionDoc = { ...doc, source: { ...doc.source, media: command.media }, duration: command.duration };
  return done(withDoc(state, next), [{ type: "media-changed", previous }]);
}

function ratingPhaseCheck(doc: SessionDoc): Transition | null {
  if (doc.phase === "closed") return refuse("session_closed");
  if (!RATING_PHASES.includes(doc.phase)) {
    return refuse(
      "wrong_phase",
      doc.phase === "lobby" || doc.phase === "briefing"
        ? "Het live beoordelen is nog niet begonnen."
        : "Het beoordelen is voorbij: de resultaten zijn al onthuld.",
    );
  }
  return null;
}

function outsideGesprek(doc: SessionDoc, t: number): Transition | null {
  if (doc.duration !== null && t > doc.duration) {
    return refuse("out_of_range", `Tijdstip ${formatTime(t)} ligt na het einde van het gesprek (${formatTime(doc.duration)}).`);
  }
  return null;
}

function takeSamples(
  state: SessionState,
  participantId: string,
  samples: Extract<SessionCommand, { type: "samples" }>["samples"],
  ctx: TransitionContext,
): Transition {
  const refused = ratingPhaseCheck(state.doc);
  if (refused) return refused;
  for (const s of samples) {
    const outside = outsideGesprek(state.doc, s.t);
    if (outside) return outside;
  }
  const { state: next, stored } = storeSamples(state, participantId, samples, ctx.now);
  // Presence moves even when everything was a duplicate: the rater is there.
  const withPresence = stored.length ? next : withLive(next, participantId, { ...liveOf(next, participantId), lastSampleAt: ctx.now });
  return done(withPresence, stored.length ? [{ type: "samples-stored", participantId, samples: stored, at: ctx.now }] : []);
}

function checkBehaviour(ctx: TransitionContext, id: string, element?: ElementId): Transition | null {
  const owner = ctx.behaviours.get(id);
  if (owner === undefined) return refuse("invalid_payload", `Onbekend gedrag of signaal: "${id}".`);
  if (element && owner !== element) return refuse("invalid_payload", `"${id}" hoort niet bij het element ${element}.`);
  return null;
}

function cleanNote(note: string | undefined): string | undefined {
  const trimmed = note?.trim();
  return trimmed ? trimmed.slice(0, MAX_NOTE) : undefined;
}

function markMoment(
  state: SessionState,
  participantId: string,
  command: Extract<SessionCommand, { type: "moment" }>,
  ctx: TransitionContext,
): Transition {
  const refused = ratingPhaseCheck(state.doc) ?? outsideGesprek(state.doc, command.t);
  if (refused) return refused;
  if (command.behaviourId) {
    const wrong = checkBehaviour(ctx, command.behaviourId, command.element);
    if (wrong) return wrong;
  }
  const moment: MomentMark = { participantId, seq: command.seq, t: command.t, element: command.element };
  if (command.behaviourId) moment.behaviourId = command.behaviourId;
  const note = cleanNote(command.note);
  if (note) moment.note = note;
  const { state: next, stored } = storeMoment(state, moment);
  return done(next, stored ? [{ type: "moment-stored", moment, at: ctx.now }] : []);
}

function submitFinal(
  state: SessionState,
  participantId: string,
  command: Extract<SessionCommand, { type: "final" }>,
  ctx: TransitionContext,
): Transition {
  const doc = state.doc;
  if (doc.phase === "closed") return refuse("session_closed");
  if (doc.phase !== "final") {
    return refuse(
      "wrong_phase",
      RATING_PHASES.includes(doc.phase) || doc.phase === "lobby" || doc.phase === "briefing"
        ? "Het eindoordeel geef je als de begeleider de fase eindoordeel opent."
        : "Het eindoordeel is al onthuld en kan niet meer veranderen.",
    );
  }
  const observed = [...new Set(command.observed)];
  for (const id of observed) {
    const wrong = checkBehaviour(ctx, id);
    if (wrong) return wrong;
  }
  const notes: Partial<Record<ElementId, string>> = {};
  for (const e of ELEMENT_IDS) {
    const n = cleanNote(command.notes?.[e]);
    if (n) notes[e] = n;
  }
  const body = { scores: { ...command.scores }, observed, ...(Object.keys(notes).length ? { notes } : {}) };
  const existing = liveOf(state, participantId).final;
  // A retried submission whose ack was lost: already stored, nothing new to write.
  if (existing && sameFinal(existing, body)) return done(state, []);
  const rating: FinalRating = { participantId, ...body, submittedAt: ctx.now };
  return done(storeFinal(state, rating), [{ type: "final-stored", rating }]);
}

// ---------------------------------------------------------------------------------------------
// Reflection, evaluation, tips discussed (issue 5)
// ---------------------------------------------------------------------------------------------

function reflectionPhaseCheck(doc: SessionDoc, what: string): Transition | null {
  if (doc.phase === "closed") return refuse("session_closed");
  if (!REFLECTION_PHASES.includes(doc.phase)) return refuse("wrong_phase", `${what} kan als de begeleider de fase reflectie opent.`);
  return null;
}

function writeReflection(
  state: SessionState,
  participantId: string,
  command: Extract<SessionCommand, { type: "reflection" }>,
  ctx: TransitionContext,
): Transition {
  const refused = reflectionPhaseCheck(state.doc, "Je leerpunt schrijven");
  if (refused) return refused;
  const learningPoint = command.learningPoint.trim();
  const action = command.action.trim();
  if (!learningPoint) return refuse("invalid_payload", "Schrijf op wat je uit deze sessie meeneemt.");
  if (!action) return refuse("invalid_payload", "Schrijf één concrete actie op.");
  const themes: Partial<Record<ThemeId, string>> = {};
  for (const id of THEME_IDS) {
    const text = command.themes?.[id]?.trim();
    if (text) themes[id] = text;
  }
  const body = { learningPoint, action, ...(Object.keys(themes).length ? { themes } : {}) };
  const existing = liveOf(state, participantId).reflection;
  // An identical resend (a lost ack): stored already, nothing new to write.
  if (existing && sameJson(bodyOfReflection(existing), body)) return done(state, []);
  const reflection: Reflection = { participantId, ...body, submittedAt: ctx.now };
  return done(storeReflection(state, reflection), [{ type: "reflection-stored", reflection }]);
}

function bodyOfReflection(r: Reflection) {
  return { learningPoint: r.learningPoint, action: r.action, ...(r.themes && Object.keys(r.themes).length ? { themes: r.themes } : {}) };
}

function sameJson(a: unknown, b: unknown): boolean {
  const norm = (x: unknown): unknown =>
    x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([k1], [k2]) => (k1 < k2 ? -1 : 1)).map(([k, v]) => [k, norm(v)]))
      : x;
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

function writeEvaluation(
  state: SessionState,
  participantId: string,
  command: Extract<SessionCommand, { type: "evaluation" }>,
  ctx: TransitionContext,
): Transition {
  const refused = reflectionPhaseCheck(state.doc, "De sessie evalueren");
  if (refused) return refused;
  const questions = ctx.evaluationQuestions ?? [];
  if (questions.length === 0) return refuse("wrong_phase", "Voor deze sessie is geen evaluatie ingesteld.");
  const wrong = checkEvaluationAnswers(questions, command.answers);
  if (wrong) return refuse("invalid_payload", wrong);
  const answers = Object.fromEntries(questions.map((q) => [q.id, command.answers[q.id]]));
  const existing = liveOf(state, participantId).evaluation;
  if (existing && sameJson(existing.answers, answers)) return done(state, []);
  const evaluation: SessionEvaluation = { participantId, answers, submittedAt: ctx.now };
  return done(storeEvaluation(state, evaluation), [{ type: "evaluation-stored", evaluation }]);
}

function markTip(state: SessionState, command: Extract<SessionCommand, { type: "tip-discussed" }>): Transition {
  const doc = state.doc;
  if (doc.phase === "closed") return refuse("session_closed");
  if (!TIP_PHASES.includes(doc.phase)) return refuse("wrong_phase", "Tips bespreek je na de onthulling.");
  const current = doc.discussedTips ?? [];
  if (current.includes(command.tipId) === command.discussed) return done(state, []);
  const next = command.discussed ? [...current, command.tipId] : current.filter((id) => id !== command.tipId);
  // Kept in tip order, so the report lists them as the tips page does.
  const discussedTips = TIP_IDS.filter((id) => next.includes(id));
  return done(withDoc(state, { ...doc, discussedTips }), [{ type: "tips-changed", discussedTips }]);
}

function projectReflections(state: SessionState, show: boolean): Transition {
  const doc = state.doc;
  if (doc.phase === "closed") return refuse("session_closed");
  if (!REFLECTION_PHASES.includes(doc.phase)) return refuse("wrong_phase", "De leerpunten toon je in de fase reflectie.");
  if (Boolean(doc.projectReflections) === show) return done(state, []);
  return done(withDoc(state, { ...doc, projectReflections: show }), [{ type: "projection-changed", projecting: show }]);
}

function showOnProjector(state: SessionState, command: Extract<SessionCommand, { type: "present" }>): Transition {
  const doc = state.doc;
  if (doc.phase === "closed") return refuse("session_closed");
  if (!PRESENTATION_PHASES.includes(doc.phase)) {
    return refuse("wrong_phase", "Het beamerscherm stap je door tijdens de onthulling en de bespreking.");
  }
  const { focus } = command;
  if (focus?.kind === "tip" && !(TIP_IDS as readonly string[]).includes(focus.id)) return refuse("invalid_payload", `Onbekende tip: "${focus.id}".`);
  if (focus?.kind === "hotspot" && !/^[a-z-]+-\d+$/.test(focus.id)) return refuse("invalid_payload", `Onbekende hotspot: "${focus.id}".`);
  const presentation: Presentation = { step: command.step, focus: focus ? { kind: focus.kind, id: focus.id } : null };
  // The same step and focus again (a retried command): nothing to write.
  if (doc.presentation && sameJson(doc.presentation, presentation)) return done(state, []);
  return done(withDoc(state, { ...doc, presentation }), [{ type: "presentation-changed", presentation }]);
}

/** round:set: the host moves the method's agenda to another round (any phase until closed). */
function setRound(state: SessionState, index: number, ctx: TransitionContext): Transition {
  const doc = state.doc;
  if (doc.phase === "closed") return refuse("session_closed");
  const change = moveToRound(doc.method, doc.agenda, index, ctx.now);
  if (!change.ok) return refuse(change.error.code, change.error.message);
  if (!change.agenda) return done(state, []);
  return done(withDoc(state, { ...doc, agenda: change.agenda }), [{ type: "round-changed", agenda: change.agenda }]);
}

export function allReflections(state: SessionState): Reflection[] {
  return Object.values(state.live).flatMap((l) => (l.reflection ? [l.reflection] : []));
}

export function allEvaluations(state: SessionState): SessionEvaluation[] {
  return Object.values(state.live).flatMap((l) => (l.evaluation ? [l.evaluation] : []));
}

// ---------------------------------------------------------------------------------------------
// What each participant may see
// ---------------------------------------------------------------------------------------------

export interface SnapshotContext {
  now: number;
  /** Participant ids with at least one open socket. */
  connected: ReadonlySet<string>;
  /** Element names from content, for the labels of personal-data flags. */
  elementNames?: Partial<Record<ElementId, string>>;
}

export function mediaPath(sessionId: string, key: string): string {
  return `/api/sessions/${encodeURIComponent(sessionId)}/media?key=${encodeURIComponent(key)}`;
}

export function displayNameOf(p: ParticipantRecord, settings: SessionSettings): string {
  return settings.nameDisplay === "namen" ? p.name : p.pseudonym;
}

export function isActive(live: RaterLive | undefined, now: number): boolean {
  return live?.lastSampleAt != null && now - live.lastSampleAt <= ACTIVE_WINDOW_MS;
}

/** Ids of raters who sent a live sample in the last few seconds (presence for the host). */
export function activeRaters(state: SessionState, now: number): string[] {
  return state.doc.participants.filter((p) => !p.removed && isActive(state.live[p.id], now)).map((p) => p.id);
}

/**
 * The snapshot a viewer may see. It never holds anyone's rating values except the viewer's own;
 * the host sees presence and who has submitted, not what. Results come separately on reveal.
 */
export function buildSnapshot(state: SessionState, viewer: Actor, ctx: SnapshotContext): SessionSnapshot {
  const { doc } = state;
  const participants: ParticipantView[] = doc.participants
    .filter((p) => !p.removed)
    .map((p) => ({
      id: p.id,
      displayName: displayNameOf(p, doc.settings),
      role: p.role,
      focus: p.focus,
      connected: ctx.connected.has(p.id),
      active: isActive(state.live[p.id], ctx.now),
      finalSubmitted: Boolean(state.live[p.id]?.final),
    }));
  const media = doc.source.media;
  const source: SessionSnapshot["source"] = { kind: doc.source.kind };
  if (doc.source.slug) source.slug = doc.source.slug;
  if (doc.source.title) source.title = doc.source.title;
  if (media) {
    source.mediaUrl = mediaPath(doc.id, media.key);
    source.mediaType = media.type;
  }
  return {
    sessionId: doc.id,
    code: doc.code,
    title: doc.title,
    phase: doc.phase,
    source,
    briefing: { ...doc.briefing },
    clock: { ...doc.clock },
    duration: doc.duration,
    settings: { ...doc.settings },
    participants,
    you: ownView(state, viewer),
    serverTime: ctx.now,
    discussedTips: [...(doc.discussedTips ?? [])],
    presentation: doc.presentation ? { step: doc.presentation.step, focus: doc.presentation.focus ? { ...doc.presentation.focus } : null } : null,
    method: doc.method ? { ...doc.method, rounds: doc.method.rounds.map((r) => ({ ...r })) } : null,
    agenda: doc.agenda ? { index: doc.agenda.index, startedAt: doc.agenda.startedAt } : null,
    spiegels:
      viewer.kind === "guest"
        ? []
        : shareViews(doc.sharedSpiegels ?? [], doc.participants, viewer.kind === "host" ? { host: true } : { host: false, participantId: viewer.participantId }),
    ...(viewer.kind === "host" ? { host: hostReflectionView(state, ctx) } : {}),
  };
}

/** Counts, the projection and the personal-data flags: for the host only, never anyone's values. */
function hostReflectionView(state: SessionState, ctx: SnapshotContext): HostReflectionView {
  const { doc } = state;
  const present = doc.participants.filter((p) => !p.removed);
  const count = (has: (l: RaterLive) => boolean) => present.filter((p) => state.live[p.id] && has(state.live[p.id])).length;
  const projecting = Boolean(doc.projectReflections) && (doc.phase === "reflection" || doc.phase === "closed");
  // Notes are part of the ratings: before the reveal the host learns nothing about them, not even a flag.
  const revealed = doc.revealedAt !== null;
  const needPoints = projecting || revealed;
  const learningPoints = needPoints ? anonymousLearningPoints(allReflections(state), doc.participants) : [];
  return {
    reflections: count((l) => Boolean(l.reflection)),
    evaluations: count((l) => Boolean(l.evaluation)),
    finished: count((l) => Boolean(l.reflection && l.evaluation)),
    participants: present.length,
    projecting,
    projected: projecting ? learningPoints : [],
    personalData: revealed
      ? personalDataFlags({
          participants: doc.participants.map(publicRecord),
          finals: allFinals(state),
          moments: allMoments(state),
          learningPoints,
          nameOf: (p) => displayNameOf(p, doc.settings),
          elementNames: ctx.elementNames,
        })
      : [],
    roster: present
      .map((p) => ({ id: p.id, name: p.name, role: p.role }))
      .sort((a, b) => a.name.localeCompare(b.name, "nl") || a.id.localeCompare(b.id)),
  };
}

function ownView(state: SessionState, viewer: Actor): OwnView {
  if (viewer.kind === "participant") {
    const p = state.doc.participants.find((x) => x.id === viewer.participantId);
    if (p) {
      const live = state.live[p.id] ?? emptyLive();
      const current: Partial<Record<ElementId, number>> = {};
      for (const e of ELEMENT_IDS) {
        const c = live.current[e];
        if (c) current[e] = c.value;
      }
      return {
        id: p.id,
        name: p.name,
        role: p.role,
        focus: p.focus,
        lastSampleSeq: live.lastSampleSeq,
        lastMomentSeq: live.lastMomentSeq,
        current,
        moments: live.momentList.map((m) => ({ ...m })),
        final: live.final ? structuredCloneRating(live.final) : null,
        reflection: live.reflection ? { ...live.reflection, ...(live.reflection.themes ? { themes: { ...live.reflection.themes } } : {}) } : null,
        evaluation: live.evaluation ? { ...live.evaluation, answers: { ...live.evaluation.answers } } : null,
      };
    }
  }
  return {
    id: "host",
    name: "Begeleider",
    role: "host",
    focus: null,
    lastSampleSeq: 0,
    lastMomentSeq: 0,
    current: {},
    moments: [],
    final: null,
  };
}

function structuredCloneRating(r: FinalRating): FinalRating {
  return { ...r, scores: { ...r.scores }, observed: [...r.observed], ...(r.notes ? { notes: { ...r.notes } } : {}) };
}

// ---------------------------------------------------------------------------------------------
// For the reveal
// ---------------------------------------------------------------------------------------------

export function allMoments(state: SessionState): MomentMark[] {
  return Object.values(state.live).flatMap((l) => l.momentList);
}

export function allFinals(state: SessionState): FinalRating[] {
  return Object.values(state.live).flatMap((l) => (l.final ? [l.final] : []));
}
