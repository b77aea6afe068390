// The plain values of sharing a mirror in a session, without zod: the live pages load this.
import type { Phase } from "./protocol-values";

/** A mirror can be shared, and decided on, from the lobby until the discussion ends. */
export const SHARE_PHASES: readonly Phase[] = ["lobby", "briefing", "live", "final", "reveal", "discussion"];

/** How a participant shows a shared mirror to the room. */
export const SPIEGEL_SHOW = ["pseudoniem", "naam"] as const;
export type SpiegelShow = (typeof SPIEGEL_SHOW)[number];

/** Per element the AD's own mean beside the clients' mean; never a single answer, a text or a day. */
export interface SpiegelSummary {
  elements: Record<"vertrouwen" | "richting-kader" | "binding" | "stroefheid", { own: number | null; client: number }>;
  /** Released client answers behind the client means (3 or more). */
  answers: number;
  /** First and last month of the releases counted, YYYY-MM. */
  from: string;
  to: string;
}

/** A shared mirror as the session document holds it. Declined ones are removed, not kept. */
export interface StoredSpiegelShare {
  id: string;
  participantId: string;
  show: SpiegelShow;
  status: "pending" | "accepted";
  summary: SpiegelSummary;
  sharedAt: number;
}

/** A shared mirror in a snapshot: the host sees all, a participant only their own. */
export interface SpiegelShareView {
  id: string;
  /** Name or pseudonym, as the participant chose. */
  label: string;
  status: "pending" | "accepted";
  answers: number;
  /** The numbers: for accepted ones (the projector shows them), and always for the owner. */
  summary: SpiegelSummary | null;
  own: boolean;
}


/** "1 spiegel gedeeld", "3 spiegels gedeeld": the report says no more than this. */
export function sharedCountLine(n: number): string {
  return `${n} ${n === 1 ? "spiegel" : "spiegels"} gedeeld`;
}

/** "okt 2026" or "aug–okt 2026" or "dec 2026–jan 2027". */
export function monthSpan(from: string, to: string): string {
  const names = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
  const label = (ym: string) => ({ m: names[Number(ym.slice(5, 7)) - 1] ?? ym, y: ym.slice(0, 4) });
  const a = label(from);
  const b = label(to);
  if (from === to) return `${a.m} ${a.y}`;
  return a.y === b.y ? `${a.m}–${b.m} ${b.y}` : `${a.m} ${a.y}–${b.m} ${b.y}`;
}
