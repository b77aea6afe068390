// The plain values of the realtime contract: phases, roles, error codes with their Dutch messages,
// and limits. No zod here: the live pages load this in the browser without the schemas (decision
// 010: the rater page stays under 120 KB of JavaScript). protocol.ts re-exports everything; import
// from there, except in modules that end up in the rater page's first load.

export const PHASES = ["lobby", "briefing", "live", "final", "reveal", "discussion", "reflection", "closed"] as const;
export type Phase = (typeof PHASES)[number];

export const PARTICIPANT_ROLES = ["arbeidsdeskundige", "ervaringsdeskundige", "observator"] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
/** Roles that rate; the observator watches only. */
export const RATER_ROLES: readonly ParticipantRole[] = ["arbeidsdeskundige", "ervaringsdeskundige"];

export const ERROR_CODES = [
  "invalid_payload", // the payload does not match the schema
  "payload_too_large",
  "rate_limited",
  "not_found", // no session with this code / id
  "unauthorized", // no or wrong token
  "forbidden", // the token is valid but may not do this (a rater changing the phase)
  "wrong_phase", // the action does not fit the current phase
  "invalid_transition",
  "out_of_range", // t outside the gesprek, value outside 0–10
  "removed", // the host removed this participant
  "session_closed",
  "storage_failed", // the store could not write: nothing was acknowledged
  "internal",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
}
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AppError };

/** Samples per batch (samples:add) and characters in a note (moments, finals). */
export const MAX_SAMPLES_PER_BATCH = 200;
export const MAX_NOTE = 500;

/** Dutch messages for every error code. Handlers may give a more specific message. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  invalid_payload: "Deze invoer klopt niet.",
  payload_too_large: "Dit bericht is te groot.",
  rate_limited: "Te veel verzoeken tegelijk. Wacht even en probeer het opnieuw.",
  not_found: "Deze sessie bestaat niet (meer). Controleer de code.",
  unauthorized: "Je bent niet (meer) aangemeld voor deze sessie.",
  forbidden: "Alleen de begeleider kan dit doen.",
  wrong_phase: "Dat kan nu niet in deze fase van de sessie.",
  invalid_transition: "Deze stap kan niet vanuit de huidige fase.",
  out_of_range: "Deze waarde valt buiten het toegestane bereik.",
  removed: "De begeleider heeft je uit deze sessie gehaald.",
  session_closed: "Deze sessie is afgesloten.",
  storage_failed: "Opslaan is niet gelukt. Je invoer blijft bewaard en wordt opnieuw verstuurd.",
  internal: "Er ging iets mis op de server. Probeer het opnieuw.",
};

/** The phase names people see. */
export const PHASE_LABELS: Record<Phase, string> = {
  lobby: "Lobby",
  briefing: "Briefing",
  live: "Live beoordelen",
  final: "Eindoordeel",
  reveal: "Onthulling",
  discussion: "Bespreking",
  reflection: "Reflectie",
  closed: "Afgesloten",
};
