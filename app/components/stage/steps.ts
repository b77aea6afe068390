// The reveal's steps as the host and the projector name them, and moving through them.
import type { ElementId } from "~/core/domain";
import { REVEAL_STEPS, type RevealStep } from "~/core/presentation";
import type { Presentation } from "~/core/protocol";

/** Before the host chose anything the projector shows the overview. */
export const FIRST_PRESENTATION: Presentation = { step: "overzicht", focus: null };

export function stepTitle(step: RevealStep, elementNames: Partial<Record<ElementId, string>>): string {
  if (step === "overzicht") return "Overzicht";
  if (step === "tijdlijn") return "Tijdlijn";
  if (step === "tips") return "Tips";
  return elementNames[step] ?? step;
}

/** The step before (-1) or after (+1), or null at either end. */
export function stepBeside(step: RevealStep, delta: -1 | 1): RevealStep | null {
  return REVEAL_STEPS[REVEAL_STEPS.indexOf(step) + delta] ?? null;
}
