// The printable set of a role-play, as the page gets it: a card per player, a sheet per element for
// the observers, and the run sheet. Plain types, so the page's parts can share them.
import type { ElementId } from "~/core/domain";

export type { PlayerCard } from "~/core/roleplay";

export interface ObserverSheet {
  element: ElementId;
  name: string;
  negative: boolean;
  /** What to watch for in this casus. */
  focus: string;
  /** The behaviours (or, for stroefheid, the signals) that can occur here. */
  items: { id: string; label: string; description: string }[];
}

export interface RunStep {
  title: string;
  minutes: number;
}
