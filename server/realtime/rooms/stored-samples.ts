// The live samples a log holds, each stored one exactly once (for the results and the report).
import type { LiveSample } from "../../../app/core/protocol";
import { yieldToLoop } from "../../store/event-log";
import type { RatingRecord } from "../../store/sessions";

/** Every stored live sample exactly once: per participant, only seqs above the highest so far (the intake's rule). */
export function storedSamples(records: readonly RatingRecord[]): LiveSample[] {
  const samples: LiveSample[] = [];
  for (const _ of storedSampleSteps(records, samples));
  return samples;
}

/** One derivation per shared read (SessionStore.readRecords hands parallel readers the same array). */
const samplesOfRead = new WeakMap<readonly RatingRecord[], Promise<Map<string, LiveSample[]>>>();

/**
 * storedSamples for a long log, in slices with the event loop free in between, ordered by
 * participant (in `order`, then any others) and seq: the order of the report's CSV, so sorting it
 * there is one pass. Parallel readers of one read share the work.
 */
export async function storedSamplesYielding(records: readonly RatingRecord[], order: readonly string[] = []): Promise<LiveSample[]> {
  let grouped = samplesOfRead.get(records);
  if (!grouped) {
    grouped = (async () => {
      const all: LiveSample[] = [];
      for (const _ of storedSampleSteps(records, all)) await yieldToLoop();
      const byParticipant = new Map<string, LiveSample[]>();
      for (let i = 0; i < all.length; i++) {
        if (i % 100_000 === 0 && i > 0) await yieldToLoop();
        const s = all[i];
        let list = byParticipant.get(s.participantId);
        if (!list) byParticipant.set(s.participantId, (list = []));
        list.push(s); // seqs grow within a participant (the intake's rule)
      }
      return byParticipant;
    })();
    samplesOfRead.set(records, grouped);
  }
  const byParticipant = await grouped;
  const ids = [...order.filter((id) => byParticipant.has(id)), ...[...byParticipant.keys()].filter((id) => !order.includes(id))];
  const out: LiveSample[] = [];
  for (const id of ids) {
    const list = byParticipant.get(id)!;
    for (let i = 0; i < list.length; i++) out.push(list[i]);
    await yieldToLoop();
  }
  return out;
}

/** Fills `samples`; pauses (yields) after every 2 000 records. */
function* storedSampleSteps(records: readonly RatingRecord[], samples: LiveSample[]): Generator<void> {
  const highest = new Map<string, number>();
  let n = 0;
  for (const r of records) {
    if (++n % 2000 === 0) yield;
    if (r.type !== "samples") continue;
    let last = highest.get(r.participantId) ?? 0;
    for (const [seq, element, value, t] of r.samples) {
      if (seq <= last) continue;
      last = seq;
      samples.push({ participantId: r.participantId, seq, element, value, t });
    }
    highest.set(r.participantId, last);
  }
  return samples;
}
