// A session's results: computed from the stored log and memory, written, read back, and the tips
// that fit them.
import { referenceMoments } from "../../../app/content.server";
import type { ElementId } from "../../../app/core/domain";
import type { RevealResults } from "../../../app/core/results";
import { allFinals, allMoments, publicRecord } from "../../../app/core/session";
import { type RankedTip, tipsForSession } from "../../../app/core/tip-rules";
import type { StoredResults } from "../../store/sessions";
import { type RoomsContext, nowMs } from "./context";
import type { Room } from "./room";
import type { ResultsContext } from "../results-compute";

/** Computes the results with the live ratings `lagSeconds` earlier, writes them and keeps them in the room. */
export async function computeAndSave(ctx: RoomsContext, room: Room, lagSeconds = 0): Promise<StoredResults> {
  const { file } = await ctx.deps.store.settledLog(room.id);
  const context = resultsContext(ctx, room);
  // A long log is read and computed in the worker thread (results-compute.ts).
  const results = await ctx.resultsWorker.compute(file, { ...context, options: { ...context.options, lagSeconds } });
  const stored: StoredResults = { computedAt: nowMs(ctx), results };
  await ctx.deps.store.saveResults(room.id, stored);
  room.results = stored;
  return stored;
}

/**
 * The results once revealed (null before). Computed here when a crash came between the reveal
 * and the write of its results.
 */
export async function ensureResults(ctx: RoomsContext, room: Room): Promise<RevealResults | null> {
  if (room.resultsPending) await room.resultsPending.catch(() => undefined);
  if (room.state.doc.revealedAt === null) return null;
  if (!room.results) {
    room.resultsPending = computeAndSave(ctx, room);
    try {
      await room.resultsPending;
    } finally {
      room.resultsPending = null;
    }
  }
  return room.results!.results;
}

/** What computeResults needs besides the samples (those are read from the log where it runs), from memory. */
export function resultsContext(ctx: RoomsContext, room: Room): ResultsContext {
  const { content } = ctx.deps;
  const { doc } = room.state;
  const casus = doc.source.slug ? content.cases.find((c) => c.slug === doc.source.slug) : undefined;
  const vignette = doc.source.kind === "vignette" ? casus : undefined;
  return {
    participants: doc.participants.map(publicRecord),
    moments: allMoments(room.state),
    finals: allFinals(room.state),
    duration: doc.duration,
    settings: { ...doc.settings },
    reference: vignette
      ? {
          scores: { ...vignette.reference.scores },
          clientView: { ...vignette.clientView.scores },
          moments: referenceMoments(vignette).map((m) => ({ turnIndex: m.turnIndex, t: m.t, id: m.id, effect: m.effect })),
        }
      : undefined,
    behaviours: [...content.behaviourIndex].map(([id, b]) => ({ id, elementId: b.elementId as ElementId })),
    turns: vignette ? vignette.turns.map((turn) => ({ t: turn.t })) : undefined,
    applicableBehaviours: casus?.applicableBehaviours,
    elementNames: Object.fromEntries(content.elements.elements.map((e) => [e.id, e.name])),
  };
}

/** The six tips ranked for these results (all six, fitting ones first). */
export function tipsFor(ctx: RoomsContext, results: RevealResults): RankedTip[] {
  const labels = Object.fromEntries([...ctx.deps.content.behaviourIndex].map(([id, b]) => [id, b.label]));
  return tipsForSession(ctx.deps.tipRules ?? [], results, { behaviourLabels: labels });
}
