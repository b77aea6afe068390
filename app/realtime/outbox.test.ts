import { describe, expect, it } from "vitest";
import { MAX_QUEUED_SAMPLES, Outbox } from "./outbox";
import { memoryStore } from "./storage";

describe("Outbox", () => {
  it("numbers samples with increasing seq and trims up to the acked lastSeq", () => {
    const box = new Outbox(memoryStore(), "k");
    for (let i = 0; i < 5; i++) box.addSample("binding", i, i / 10);
    expect(box.sampleBatch().map((s) => s.seq)).toEqual([1, 2, 3, 4, 5]);
    box.ackSamples(3);
    expect(box.sampleBatch()).toEqual([
      { seq: 4, element: "binding", value: 3, t: 0.3 },
      { seq: 5, element: "binding", value: 4, t: 0.4 },
    ]);
    box.ackSamples(9);
    expect(box.pending.samples).toBe(0);
  });

  it("limits a batch to the protocol's maximum", () => {
    const box = new Outbox(memoryStore(), "k");
    for (let i = 0; i < 450; i++) box.addSample("vertrouwen", 5, i);
    expect(box.sampleBatch()).toHaveLength(200);
    expect(box.sampleBatch()[0].seq).toBe(1);
  });

  it("survives a reload: what was not acked is still there, seq goes on", () => {
    const store = memoryStore();
    const box = new Outbox(store, "k");
    box.addSample("stroefheid", 7, 12);
    box.addSample("stroefheid", 8, 13);
    box.ackSamples(1);
    box.save();
    const again = new Outbox(store, "k");
    expect(again.sampleBatch().map((s) => s.seq)).toEqual([2]);
    expect(again.addSample("stroefheid", 9, 14)).toBe(3);
    expect(again.currentValues({ stroefheid: 2, binding: 4 })).toEqual({ stroefheid: 9, binding: 4 });
  });

  it("never reuses a seq the server already holds, and forgets what it has", () => {
    const box = new Outbox(memoryStore(), "k");
    box.addSample("binding", 1, 1);
    box.addSample("binding", 2, 2);
    box.syncFromServer(1, 4);
    expect(box.sampleBatch().map((s) => s.seq)).toEqual([2]);
    expect(box.addMoment({ element: "binding", t: 3 }, 0)).toBe(5);
    box.syncFromServer(40, 0);
    expect(box.addSample("binding", 3, 3)).toBe(41);
  });

  it("holds a moment for details, then sends it in order", () => {
    const box = new Outbox(memoryStore(), "k");
    const seq = box.addMoment({ element: "vertrouwen", t: 30 }, 1_000, 20_000);
    expect(box.nextMoment(2_000)).toBeNull();
    expect(box.editMoment(seq, { behaviourId: "geen-druk", note: "  rustig tempo " })).toBe(true);
    expect(box.nextMoment(21_001)).toEqual({ seq, element: "vertrouwen", t: 30, behaviourId: "geen-druk", note: "rustig tempo" });
  });

  it("releases a waiting moment when the next one is marked, so seq order holds", () => {
    const box = new Outbox(memoryStore(), "k");
    const first = box.addMoment({ element: "binding", t: 1 }, 0, 20_000);
    box.addMoment({ element: "stroefheid", t: 2 }, 0, 20_000);
    expect(box.nextMoment(0)?.seq).toBe(first);
    expect(box.editMoment(first, { note: "te laat" })).toBe(false);
    box.ackMoments(first);
    expect(box.nextMoment(0)).toBeNull();
  });

  it("keeps the final rating until it is cleared", () => {
    const store = memoryStore();
    const box = new Outbox(store, "k");
    const final = { scores: { vertrouwen: 6, "richting-kader": 7, binding: 5, stroefheid: 3 }, observed: ["geen-druk"] };
    box.setFinal(final);
    box.save();
    expect(new Outbox(store, "k").final).toEqual(final);
    box.clearFinal();
    expect(box.pending.final).toBe(false);
  });

  it("drops the oldest samples beyond its cap and counts them", () => {
    const box = new Outbox(memoryStore(), "k");
    for (let i = 0; i < MAX_QUEUED_SAMPLES + 3; i++) box.addSample("binding", 5, i);
    expect(box.pending.samples).toBe(MAX_QUEUED_SAMPLES);
    expect(box.dropped).toBe(3);
    expect(box.sampleBatch(1)[0].seq).toBe(4);
  });

  it("starts empty from a damaged entry", () => {
    const store = memoryStore();
    store.set("k", "{not json");
    expect(new Outbox(store, "k").pending).toEqual({ samples: 0, moments: 0, final: false });
  });
});
