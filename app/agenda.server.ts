// The texts of the OT methods (content/methods) that the live screens show beside the agenda the
// session carries: the projector gets what the group may read, the control view also the chair's notes.
import type { Content } from "./content.server";
import type { AgendaTexts } from "./components/agenda/texts";

export function agendaTexts(content: Content, audience: "room" | "host"): AgendaTexts {
  return Object.fromEntries(
    content.methods.map((m) => [
      m.id,
      {
        rounds: Object.fromEntries(m.rounds.map((r) => [r.id, { instruction: r.instruction, ...(audience === "host" ? { chairNote: r.chairNote } : {}) }])),
        ownCase: m.ownCase ?? null,
      },
    ]),
  );
}
