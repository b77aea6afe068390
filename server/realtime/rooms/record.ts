// Everything stored about a session, for its report and exports.
import type { SessionRecord } from "../../../app/core/report";
import { allEvaluations, allFinals, allMoments, allReflections, publicRecord } from "../../../app/core/session";
import type { RoomsContext } from "./context";
import { ensureResults } from "./results";
import type { Room } from "./room";
import { storedSamplesYielding } from "./stored-samples";

/**
 * Everything stored about the session for its report and exports: no tokens, no hashes, no media
 * key. Samples are read back from the log (each stored one exactly once).
 */
export async function sessionRecord(ctx: RoomsContext, room: Room): Promise<SessionRecord> {
  const results = await ensureResults(ctx, room);
  const { doc } = room.state;
  const samples = await storedSamplesYielding(
    await ctx.deps.store.readRecords(room.id),
    doc.participants.map((p) => p.id),
  );
  return {
    session: {
      id: doc.id,
      code: doc.code,
      title: doc.title,
      createdAt: doc.createdAt,
      phase: doc.phase,
      phaseLog: doc.phaseLog.map((e) => ({ ...e })),
      source: { kind: doc.source.kind, slug: doc.source.slug, title: doc.source.title },
      briefing: { ...doc.briefing },
      duration: doc.duration,
      settings: { ...doc.settings },
      revealedAt: doc.revealedAt,
      discussedTips: [...(doc.discussedTips ?? [])],
      ...(doc.method && doc.agenda ? { method: doc.method, agenda: doc.agenda } : {}),
      sharedSpiegels: (doc.sharedSpiegels ?? []).filter((x) => x.status === "accepted").length,
    },
    participants: doc.participants.map(publicRecord),
    samples,
    moments: allMoments(room.state),
    finals: allFinals(room.state),
    reflections: allReflections(room.state),
    evaluations: allEvaluations(room.state),
    results: results === null || !room.results ? null : { computedAt: room.results.computedAt, results },
  };
}
