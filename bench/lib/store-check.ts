// What the server really stored, read back from its data folder after a run: per participant the
// sample and moment seqs (each must be there exactly once) and the final ratings.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { RatingRecord } from "../../server/store/sessions";

export interface StoredSeqs {
  /** Distinct seqs stored. */
  count: number;
  max: number;
  /** Seqs stored more than once (a seq not above the one before it in the log). */
  duplicates: number;
}

export interface StoredParticipant {
  samples: StoredSeqs;
  moments: StoredSeqs;
  finals: { scores: Record<string, number> }[];
}

const empty = (): StoredSeqs => ({ count: 0, max: 0, duplicates: 0 });

export function sameScores(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

export function readStore(dataDir: string): Map<string, StoredParticipant> {
  const byParticipant = new Map<string, StoredParticipant>();
  const get = (pid: string) => {
    let p = byParticipant.get(pid);
    if (!p) byParticipant.set(pid, (p = { samples: empty(), moments: empty(), finals: [] }));
    return p;
  };
  // The server stores a seq only above the highest it holds, so a log lists each rater's seqs in
  // rising order; anything else is a duplicate.
  const add = (seqs: StoredSeqs, seq: number) => {
    if (seq <= seqs.max) seqs.duplicates++;
    else {
      seqs.count++;
      seqs.max = seq;
    }
  };
  const root = path.join(dataDir, "sessions");
  if (!existsSync(root)) return byParticipant;
  for (const id of readdirSync(root)) {
    const file = path.join(root, id, "ratings.ndjson");
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, "utf8").split("\n")) {
      if (!line) continue;
      const r = JSON.parse(line) as RatingRecord;
      if (r.type === "samples") {
        const p = get(r.participantId);
        for (const [seq] of r.samples) add(p.samples, seq);
      } else if (r.type === "moment") add(get(r.moment.participantId).moments, r.moment.seq);
      else if (r.type === "final") get(r.rating.participantId).finals.push({ scores: r.rating.scores });
    }
  }
  return byParticipant;
}

export interface Reconciliation {
  samplesMade: number;
  samplesSent: number;
  samplesAcked: number;
  samplesStored: number;
  momentsMade: number;
  momentsAcked: number;
  momentsStored: number;
  finalsMade: number;
  finalsAcked: number;
  finalsStored: number;
  duplicates: number;
  /** Raters for whom something made is missing, or something is there twice. */
  problems: string[];
}

/** Compares what each simulated rater made and had acked with what is on disk. */
export function reconcile(
  raters: { participantId: string; made: number; sent: number; acked: number; dropped: number; momentsMade: number; momentsAcked: number; final: { scores: Record<string, number> } | null; finalAcked: boolean }[],
  stored: Map<string, StoredParticipant> | null,
): Reconciliation {
  const r: Reconciliation = {
    samplesMade: 0,
    samplesSent: 0,
    samplesAcked: 0,
    samplesStored: 0,
    momentsMade: 0,
    momentsAcked: 0,
    momentsStored: 0,
    finalsMade: 0,
    finalsAcked: 0,
    finalsStored: 0,
    duplicates: 0,
    problems: [],
  };
  for (const rater of raters) {
    r.samplesMade += rater.made;
    r.samplesSent += rater.sent;
    r.samplesAcked += rater.acked;
    r.momentsMade += rater.momentsMade;
    r.momentsAcked += rater.momentsAcked;
    if (rater.final) r.finalsMade++;
    if (rater.finalAcked) r.finalsAcked++;
    if (rater.dropped) r.problems.push(`${rater.participantId}: ${rater.dropped} samples geweigerd`);
    if (!stored) continue;
    const s = stored.get(rater.participantId);
    const samples = s?.samples ?? empty();
    const moments = s?.moments ?? empty();
    const finals = s?.finals ?? [];
    r.samplesStored += samples.count;
    r.momentsStored += moments.count;
    r.finalsStored += finals.length;
    r.duplicates += samples.duplicates + moments.duplicates;
    // Exactly 1..made once: rising, distinct, as many as made, the last one the last made.
    if (samples.count !== rater.made || samples.max !== rater.made || samples.duplicates) {
      r.problems.push(`${rater.participantId}: samples gemaakt ${rater.made}, opgeslagen ${samples.count} (max ${samples.max}, dubbel ${samples.duplicates})`);
    }
    if (samples.count < rater.acked) r.problems.push(`${rater.participantId}: bevestigd ${rater.acked} > opgeslagen ${samples.count}`);
    if (moments.count !== rater.momentsMade || moments.max !== rater.momentsMade || moments.duplicates) {
      r.problems.push(`${rater.participantId}: momenten gemaakt ${rater.momentsMade}, opgeslagen ${moments.count} (dubbel ${moments.duplicates})`);
    }
    if (rater.final) {
      const same = finals.filter((f) => sameScores(f.scores, rater.final!.scores)).length;
      if (finals.length !== 1 || same !== 1) r.problems.push(`${rater.participantId}: eindoordeel ${finals.length}× opgeslagen`);
    }
  }
  return r;
}
