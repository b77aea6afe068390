// The live session's fixed vocabulary (phases, roles, how names show) and the records the server
// stores and the core computes with. A leaf: it imports only domain.ts and protocol-values.ts, so every core module (the
// protocol, results, content schemas) can use it without an import cycle. protocol.ts re-exports
// all of it as part of the realtime contract.
import type { ElementId } from "./domain";
import { PARTICIPANT_ROLES, type ParticipantRole, type Phase, PHASES } from "./protocol-values";

// Phases and roles are plain values the browser needs without zod: defined in protocol-values.ts.
export { PARTICIPANT_ROLES, PHASES };
export type { ParticipantRole, Phase };

export const NAME_DISPLAY = ["namen", "pseudoniemen"] as const;
export type NameDisplay = (typeof NAME_DISPLAY)[number];

// ---- Records the server stores, and the core computes with ----

export interface ParticipantRecord {
  id: string;
  name: string;
  role: ParticipantRole;
  /** "Beoordelaar 3": stable per session, used when names are hidden and in exports. */
  pseudonym: string;
  focus: ElementId | null;
  joinedAt: number;
  removed: boolean;
}

export interface LiveSample {
  participantId: string;
  seq: number;
  element: ElementId;
  value: number;
  t: number;
}

export interface MomentMark {
  participantId: string;
  seq: number;
  t: number;
  element: ElementId;
  behaviourId?: string;
  note?: string;
}

export interface FinalRating {
  participantId: string;
  scores: Record<ElementId, number>;
  observed: string[];
  notes?: Partial<Record<ElementId, string>>;
  submittedAt: number;
}

export interface SessionSettings {
  /** Show ervaringsdeskundigen and ADs as separate groups in the results. */
  separateRoles: boolean;
  nameDisplay: NameDisplay;
  /** Show a role group of a single rater as its own mean. */
  allowSingleRaterGroup: boolean;
}
