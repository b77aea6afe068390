// Reveal results, computed from what the live room recorded. Pure: data in, numbers out.
// (Filled in by the reveal work, issue 5; the live room calls computeResults on reveal.)
import type { ElementId } from "./domain";
import type { FinalRating, LiveSample, MomentMark, ParticipantRecord, SessionSettings } from "./protocol";

export interface ReferenceInput {
  scores: Record<ElementId, number>;
  moments: { turnIndex: number; t: number; id: string; effect: "versterkt" | "belast" }[];
}

export interface ResultsInput {
  participants: ParticipantRecord[];
  samples: LiveSample[];
  moments: MomentMark[];
  finals: FinalRating[];
  /** Gesprek length in seconds, when known. */
  duration: number | null;
  settings: SessionSettings;
  reference?: ReferenceInput;
  /** Every behaviour / stroefheid signal id with its element, from content. */
  behaviours: { id: string; elementId: ElementId }[];
  options?: { binSeconds?: number; lagSeconds?: number };
}

export interface RaterFinal {
  pseudonym: string;
  displayName: string;
  role: "arbeidsdeskundige" | "ervaringsdeskundige";
  scores: Record<ElementId, number>;
}

export interface RevealResults {
  raterCount: number;
  finals: RaterFinal[];
}

export function computeResults(input: ResultsInput): RevealResults {
  const byId = new Map(input.participants.map((p) => [p.id, p]));
  const finals: RaterFinal[] = [];
  for (const f of input.finals) {
    const p = byId.get(f.participantId);
    if (!p || p.removed || p.role === "observator") continue;
    finals.push({
      pseudonym: p.pseudonym,
      displayName: input.settings.nameDisplay === "namen" ? p.name : p.pseudonym,
      role: p.role,
      scores: f.scores,
    });
  }
  return { raterCount: finals.length, finals };
}
