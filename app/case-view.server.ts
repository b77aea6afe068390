// Shapes a case for the pages that show its transcript.
import type { Case } from "./content.server";
import type { PlayerTurn } from "./components/TranscriptPlayer";

export function playerTurns(c: Case): PlayerTurn[] {
  const speakers = new Map(c.speakers.map((s) => [s.id, s]));
  return c.turns.map((turn) => {
    const speaker = speakers.get(turn.speaker)!;
    return { t: turn.t, speaker: turn.speaker, speakerName: speaker.name, role: speaker.role, text: turn.text };
  });
}
