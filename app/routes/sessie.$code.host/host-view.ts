// What every phase component of the control view gets from the route.
import type { ReactNode } from "react";
import type { RevealContent } from "~/components/results/reveal-content";
import type { SessionSnapshot } from "~/core/protocol";
import type { LiveClient, LiveState } from "~/realtime/live-client";
import type { HostCasus, RoomElement } from "~/realtime/room-content";

export interface PhaseProps {
  client: LiveClient;
  state: LiveState;
  snapshot: SessionSnapshot;
  casus: HostCasus | null;
  elements: RoomElement[];
  reveal: RevealContent;
  /** The phase steps (PhaseControls), placed where the phase wants them. */
  controls: ReactNode;
}

/** The results with the host's tools (seek, tips discussed, reaction time), with or without jumping into the gesprek. */
export type ResultsPanel = (onSeek?: (t: number) => void) => ReactNode;
