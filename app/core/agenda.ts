// An OT method as a session template: an agenda of timed rounds that runs alongside the session's
// phases (content/methods/*.yaml, docs/decisions/021-ot-methods.md). The session document keeps the
// method's rounds (as they were when the session was made) and the agenda state: which round runs and
// since when, as a stored server timestamp, so a reload or a restart shows the same round and time.
// Pure: time comes in as an argument. Over time is shown, never enforced.
import type { Phase } from "./protocol-values";

/** A round as the session keeps it; its texts for the group and the chair stay in content. */
export interface AgendaRound {
  id: string;
  title: string;
  minutes: number;
  /** The session phase this round runs alongside. */
  phase: Phase;
}

/** The method a session follows, copied from content when the session is made. */
export interface SessionMethod {
  id: string;
  title: string;
  /** "Eigen casus": a real gesprek of the inbrenger, played as a role-play; kept for a shorter time. */
  ownCase: boolean;
  rounds: AgendaRound[];
}

/** Which round runs, since when (server time, ms; null: the host has not started the first round). */
export interface AgendaState {
  index: number;
  startedAt: number | null;
  /** Every start of a round, in order: the report's "rounds held". */
  log: { index: number; at: number }[];
}

/** What the snapshot carries: the current round and since when, not the log. */
export type AgendaView = Pick<AgendaState, "index" | "startedAt">;

/** A session with a real client's gesprek (eigen casus) is deleted after this many days. */
export const OWN_CASE_RETENTION_DAYS = 7;
/** More round changes than this are not kept (the document stays small). */
export const MAX_AGENDA_LOG = 100;

export function newAgenda(): AgendaState {
  return { index: 0, startedAt: null, log: [] };
}

export type AgendaChange =
  | { ok: true; agenda: AgendaState | null }
  | { ok: false; error: { code: "invalid_payload" | "out_of_range"; message: string } };

/**
 * The host moves to round `index` (forward, back, or starts the first). The same round again while
 * it runs changes nothing (`agenda: null`, a retried command); an index outside the agenda is refused.
 */
export function moveToRound(method: SessionMethod | null | undefined, agenda: AgendaState | null | undefined, index: number, now: number): AgendaChange {
  if (!method || !agenda) return { ok: false, error: { code: "invalid_payload", message: "Deze sessie volgt geen werkvorm met rondes." } };
  const count = method.rounds.length;
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    return { ok: false, error: { code: "out_of_range", message: `Deze werkvorm heeft ${count} rondes: kies ronde 1 tot en met ${count}.` } };
  }
  if (index === agenda.index && agenda.startedAt !== null) return { ok: true, agenda: null };
  if (agenda.log.length >= MAX_AGENDA_LOG) {
    return { ok: false, error: { code: "out_of_range", message: `Na ${MAX_AGENDA_LOG} rondewissels houdt de sessie er geen meer bij.` } };
  }
  return { ok: true, agenda: { index, startedAt: now, log: [...agenda.log, { index, at: now }] } };
}

export interface RoundTiming {
  round: AgendaRound;
  index: number;
  started: boolean;
  /** Seconds since the round started (0 before it started). */
  elapsed: number;
  /** Seconds left of the round's minutes; negative when over time. */
  remaining: number;
  overTime: boolean;
}

/** The current round and its time at server time `now`; null for a session without a method. */
export function roundTiming(method: SessionMethod | null | undefined, agenda: AgendaView | null | undefined, now: number): RoundTiming | null {
  if (!method || !agenda) return null;
  const round = method.rounds[agenda.index];
  if (!round) return null;
  const started = agenda.startedAt !== null;
  const elapsed = started ? Math.max(0, Math.floor((now - agenda.startedAt!) / 1000)) : 0;
  const remaining = round.minutes * 60 - elapsed;
  return { round, index: agenda.index, started, elapsed, remaining, overTime: remaining < 0 };
}

/** "4:05 over", "12:00", for the band and the control view. */
export function formatRemaining(seconds: number): string {
  const s = Math.abs(seconds);
  const text = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  return seconds < 0 ? `${text} over tijd` : text;
}

export interface RoundHeld {
  id: string;
  title: string;
  /** Planned minutes. */
  minutes: number;
  startedAt: number;
  /** Seconds until the next round (or `endAt`); null while it still runs with no end known. */
  seconds: number | null;
}

/** The rounds held, in the order they ran, with how long each took (for the report). */
export function roundsHeld(method: SessionMethod | null | undefined, agenda: AgendaState | null | undefined, endAt: number | null): RoundHeld[] {
  if (!method || !agenda) return [];
  return agenda.log.flatMap((entry, i) => {
    const round = method.rounds[entry.index];
    if (!round) return [];
    const until = agenda.log[i + 1]?.at ?? endAt;
    return [{ id: round.id, title: round.title, minutes: round.minutes, startedAt: entry.at, seconds: until === null ? null : Math.max(0, Math.round((until - entry.at) / 1000)) }];
  });
}

/** Days a session is kept: an eigen casus at most OWN_CASE_RETENTION_DAYS, also when others are kept forever (0). */
export function retentionDaysFor(method: Pick<SessionMethod, "ownCase"> | null | undefined, retentionDays: number): number {
  if (!method?.ownCase) return retentionDays;
  return retentionDays > 0 ? Math.min(retentionDays, OWN_CASE_RETENTION_DAYS) : OWN_CASE_RETENTION_DAYS;
}
