// What the live screens know of a method's texts, per method id (from the route's loader).
export interface OwnCaseTexts {
  checklist: string[];
  leervraag: string;
  clientQuestion: string;
  clientPrompt: string;
}

export type AgendaTexts = Record<
  string,
  {
    rounds: Record<string, { instruction: string; chairNote?: string }>;
    ownCase: OwnCaseTexts | null;
  }
>;
