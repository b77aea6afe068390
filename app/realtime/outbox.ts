// The rater's outbox: live samples, moments and the final rating that the server has not yet
// acknowledged, kept in localStorage per session and participant. Items leave the outbox only
// when the server acks them (trimmed up to the acked lastSeq), so a dropped connection, a locked
// phone or a reload loses nothing. Sequence numbers only ever grow; the server stores each seq
// once, so sending an item twice is harmless. Items are sent strictly in seq order, one batch in
// flight at a time, which makes "everything up to lastSeq is stored" true.
import { ELEMENT_IDS, type ElementId } from "../core/domain";
import { MAX_SAMPLES_PER_BATCH } from "../core/protocol-values";
import type { KeyValueStore } from "./storage";

export interface SampleInput {
  seq: number;
  element: ElementId;
  value: number;
  t: number;
}

export interface MomentInput {
  seq: number;
  t: number;
  element: ElementId;
  behaviourId?: string;
  note?: string;
}

export interface FinalInput {
  scores: Record<ElementId, number>;
  observed: string[];
  notes?: Partial<Record<ElementId, string>>;
}

interface QueuedMoment extends MomentInput {
  /** Epoch ms until which the rater may still add details; not sent before. 0 = ready. */
  holdUntil: number;
}

/** [seq, element index, value, t]: compact, because an hour offline is tens of thousands. */
type SampleTuple = [number, number, number, number];

interface OutboxData {
  v: 1;
  nextSampleSeq: number;
  nextMomentSeq: number;
  samples: SampleTuple[];
  moments: QueuedMoment[];
  final: FinalInput | null;
  /** The rater's latest value per element, to restore the sliders after a reload. */
  current: Partial<Record<ElementId, number>>;
}

/** About an hour of continuous rating on one element at 10 Hz; beyond this the oldest go. */
export const MAX_QUEUED_SAMPLES = 36_000;

function empty(): OutboxData {
  return { v: 1, nextSampleSeq: 1, nextMomentSeq: 1, samples: [], moments: [], final: null, current: {} };
}

function parse(raw: string | null): OutboxData {
  if (!raw) return empty();
  try {
    const data = JSON.parse(raw) as OutboxData;
    if (data?.v !== 1 || !Array.isArray(data.samples) || !Array.isArray(data.moments)) return empty();
    return { ...empty(), ...data };
  } catch {
    return empty();
  }
}

export class Outbox {
  private data: OutboxData;
  /** Samples lost because the outbox was full (kept for the sync status, not persisted). */
  dropped = 0;

  constructor(
    private readonly store: KeyValueStore,
    private readonly key: string,
  ) {
    this.data = parse(store.get(key));
  }

  save(): void {
    this.store.set(this.key, JSON.stringify(this.data));
  }

  /** After a join: never reuse a seq the server already holds, and forget what it has. */
  syncFromServer(lastSampleSeq: number, lastMomentSeq: number): void {
    this.data.nextSampleSeq = Math.max(this.data.nextSampleSeq, lastSampleSeq + 1);
    this.data.nextMomentSeq = Math.max(this.data.nextMomentSeq, lastMomentSeq + 1);
    this.ackSamples(lastSampleSeq);
    this.ackMoments(lastMomentSeq);
  }

  addSample(element: ElementId, value: number, t: number): number {
    const seq = this.data.nextSampleSeq++;
    this.data.samples.push([seq, ELEMENT_IDS.indexOf(element), value, t]);
    this.data.current[element] = value;
    if (this.data.samples.length > MAX_QUEUED_SAMPLES) {
      const over = this.data.samples.length - MAX_QUEUED_SAMPLES;
      this.data.samples.splice(0, over);
      this.dropped += over;
    }
    return seq;
  }

  /** The oldest unsent samples, in seq order. */
  sampleBatch(max = MAX_SAMPLES_PER_BATCH): SampleInput[] {
    return this.data.samples.slice(0, max).map(([seq, el, value, t]) => ({ seq, element: ELEMENT_IDS[el], value, t }));
  }

  ackSamples(lastSeq: number): void {
    const keep = this.data.samples.findIndex(([seq]) => seq > lastSeq);
    if (keep === -1) this.data.samples = [];
    else if (keep > 0) this.data.samples = this.data.samples.slice(keep);
  }

  /** Records a moment now; `holdMs` leaves room to add a behaviour or note before it is sent. */
  addMoment(moment: Omit<MomentInput, "seq">, now: number, holdMs = 0): number {
    // Moments go out in seq order: a new one releases any that still wait for details.
    this.releaseMoments();
    const seq = this.data.nextMomentSeq++;
    this.data.moments.push({ ...moment, seq, holdUntil: holdMs > 0 ? now + holdMs : 0 });
    return seq;
  }

  /** Adds details to a moment that has not been sent yet; false when it is already on its way. */
  editMoment(seq: number, details: { behaviourId?: string; note?: string }): boolean {
    const m = this.data.moments.find((x) => x.seq === seq);
    if (!m || m.holdUntil === 0) return false;
    if (details.behaviourId) m.behaviourId = details.behaviourId;
    else delete m.behaviourId;
    const note = details.note?.trim();
    if (note) m.note = note;
    else delete m.note;
    return true;
  }

  releaseMoments(): void {
    for (const m of this.data.moments) m.holdUntil = 0;
  }

  /** The next moment to send, if it is not waiting for details. */
  nextMoment(now: number): MomentInput | null {
    const m = this.data.moments[0];
    if (!m || m.holdUntil > now) return null;
    const { holdUntil: _hold, ...input } = m;
    return input;
  }

  /** When the first held moment becomes sendable (epoch ms), or null. */
  nextRelease(): number | null {
    const m = this.data.moments[0];
    return m && m.holdUntil > 0 ? m.holdUntil : null;
  }

  ackMoments(lastSeq: number): void {
    this.data.moments = this.data.moments.filter((m) => m.seq > lastSeq);
  }

  setFinal(final: FinalInput): void {
    this.data.final = final;
  }

  get final(): FinalInput | null {
    return this.data.final;
  }

  clearFinal(): void {
    this.data.final = null;
  }

  /** Local values win over the server's: they may be newer and still unsent. */
  currentValues(serverValues: Partial<Record<ElementId, number>>): Partial<Record<ElementId, number>> {
    return { ...serverValues, ...this.data.current };
  }

  get pending(): { samples: number; moments: number; final: boolean } {
    return { samples: this.data.samples.length, moments: this.data.moments.length, final: this.data.final !== null };
  }

  /** Forget everything (the seat is gone). */
  clear(): void {
    this.data = empty();
    this.store.remove(this.key);
  }
}
