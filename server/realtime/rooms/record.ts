// Everything stored about a session, for its report and exports, and the exports' bytes.
import type { ExportJob, SessionRecord } from "../../../app/core/report";
import { allEvaluations, allFinals, allMoments, allReflections, publicRecord } from "../../../app/core/session";
import type { RoomsContext } from "./context";
import { ensureResults } from "./results";
import type { Room } from "./room";
import { yieldToLoop } from "../../store/event-log";
import { offThread } from "../results-compute";
import { exportPieces, logSampleSource } from "../results-work";

/**
 * Everything stored about the session for its report and exports: no tokens, no hashes, no media
 * key. Samples are streamed from the log only when an export asks for them (each stored one
 * exactly once); where each rater's lines are is read first, once per log for parallel requests.
 */
export async function sessionRecord(ctx: RoomsContext, room: Room): Promise<SessionRecord> {
  const results = await ensureResults(ctx, room);
  const { doc } = room.state;
  const log = await ctx.deps.store.settledLog(room.id);
  const record: SessionRecord = {
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
    samples: logSampleSource(log, ctx.sampleIndexes),
    moments: allMoments(room.state),
    finals: allFinals(room.state),
    reflections: allReflections(room.state),
    evaluations: allEvaluations(room.state),
    results: results === null || !room.results ? null : { computedAt: room.results.computedAt, results },
  };
  ctx.logOfRecord.set(record, log);
  return record;
}

/**
 * A download of a record made by sessionRecord: for a long log (from 2 MB) read and formatted in
 * the worker thread, so this thread never parses it; for a short one here, a ~64 KB piece per
 * turn of the event loop.
 */
export async function* download(ctx: RoomsContext, record: SessionRecord, job: ExportJob): AsyncGenerator<Uint8Array> {
  const log = ctx.logOfRecord.get(record);
  if (log && (await offThread(log.file))) {
    yield* ctx.resultsWorker.download(log, record, job);
    return;
  }
  for await (const piece of exportPieces(record, job)) {
    yield piece;
    await yieldToLoop();
  }
}
