// What the live-room pages need from content/, shaped for the browser, and small helpers both the
// host and the participant pages use. Only types and pure functions: safe for the client bundle.
import type { ElementId } from "../core/domain";
import { isJoinCode, normalizeJoinCode } from "../core/join-code";
import type { ParticipantRole } from "../core/protocol";
import type { PlayerCard } from "../core/roleplay";

export interface RoomBehaviour {
  id: string;
  label: string;
}

export interface RoomElement {
  id: ElementId;
  name: string;
  negative: boolean;
  definition: string;
  behaviours: RoomBehaviour[];
}

export interface RoomTurn {
  t: number;
  speaker: string;
  speakerRole: "ad" | "client" | "derde";
  text: string;
}

export interface RoomTranscript {
  slug: string;
  title: string;
  duration: number;
  turns: RoomTurn[];
}

/** What the participant's page loads about the session's vignette. */
export interface RoomCasus {
  slug: string;
  transcript: RoomTranscript;
  /** The vignette's situation as authored (markdown), to recognise it in the snapshot's briefing… */
  situation: string;
  /** …and as rendered by the sanitising markdown pipeline, to show it. */
  situationHtml: string;
}

/** Every player's card (client, AD, each third party); the observers' sheets are on the print page. */
export interface RoleplayScript {
  cards: PlayerCard[];
}

/** What the host's page loads: also the role-play script, when the vignette has one. */
export interface HostCasus extends RoomCasus {
  roleplay: RoleplayScript | null;
}

/** A join code as people type it ("acd 234") in its canonical form, or null when it cannot be one. */
export function normaliseCode(raw: string | null | undefined): string | null {
  const code = normalizeJoinCode((raw ?? "").trim());
  return isJoinCode(code) ? code : null;
}

export const ROLE_LABELS: Record<ParticipantRole, string> = {
  arbeidsdeskundige: "Arbeidsdeskundige",
  ervaringsdeskundige: "Ervaringsdeskundige",
  observator: "Observator",
};

/** The index of the turn being spoken at gesprek time t (-1 before the first). */
export function currentTurnIndex(turns: RoomTurn[], t: number): number {
  let lo = 0;
  let hi = turns.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (turns[mid].t <= t + 1e-6) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Splits typed or authored text into paragraphs; shown as text, never as HTML. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter(Boolean);
}
