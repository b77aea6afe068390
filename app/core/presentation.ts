// What the projector shows after the reveal, driven by the host: the steps of the reveal, in order.
import { ELEMENT_IDS } from "./domain";

export const REVEAL_STEPS = ["overzicht", ...ELEMENT_IDS, "tijdlijn", "tips"] as const;
export type RevealStep = (typeof REVEAL_STEPS)[number];
