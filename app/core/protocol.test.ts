// wellFormedSamples, the hot path of rating:samples: it must never accept what samplesPayload
// refuses, and what it accepts must be what the schema makes of it. Both run over the same inputs:
// every edge of every field, and a few thousand batches made at random around those edges.
import { describe, expect, it } from "vitest";
import { ELEMENT_IDS } from "./domain";
import { MAX_SAMPLES_PER_BATCH, samplesPayload, wellFormedSamples } from "./protocol";

const good = { seq: 1, element: "binding", value: 7.25, t: 12.5 };
const batch = (...samples: unknown[]) => ({ samples });
/** As the socket delivers it: decoded from JSON. */
const wire = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

const edges: [string, unknown][] = [
  ["a good batch", batch(good, { ...good, seq: 2, element: "stroefheid", value: 0, t: 0 })],
  ["the largest batch", batch(...Array.from({ length: MAX_SAMPLES_PER_BATCH }, (_, i) => ({ ...good, seq: i + 1 })))],
  ["one too many", batch(...Array.from({ length: MAX_SAMPLES_PER_BATCH + 1 }, (_, i) => ({ ...good, seq: i + 1 })))],
  ["no samples", batch()],
  ["not an array", { samples: good }],
  ["another key beside samples", { samples: [good], extra: 1 }],
  ["no samples key", { sample: [good] }],
  ["null", null],
  ["an array", [good]],
  ["a string", "samples"],
  ["a __proto__ key", JSON.parse('{"samples":[{"seq":1,"element":"binding","value":5,"t":1,"__proto__":{"x":1}}]}')],
  ["a sample with an extra key", batch({ ...good, note: "x" })],
  ["a sample without t", batch({ seq: 1, element: "binding", value: 5 })],
  ["a sample that is an array", batch([1, "binding", 5, 1])],
  ["a sample that is null", batch(null)],
  ["seq 0", batch({ ...good, seq: 0 })],
  ["seq 1.5", batch({ ...good, seq: 1.5 })],
  ["seq as text", batch({ ...good, seq: "1" })],
  ["the largest safe seq", batch({ ...good, seq: Number.MAX_SAFE_INTEGER })],
  ["a seq past the safe integers", batch({ ...good, seq: Number.MAX_SAFE_INTEGER + 2 })],
  ["an unknown element", batch({ ...good, element: "zorg" })],
  ["an element in capitals", batch({ ...good, element: "BINDING" })],
  ["value 10", batch({ ...good, value: 10 })],
  ["value 10.0001", batch({ ...good, value: 10.0001 })],
  ["value -0.1", batch({ ...good, value: -0.1 })],
  ["value null", batch({ ...good, value: null })],
  ["t at six hours", batch({ ...good, t: 6 * 3600 })],
  ["t past six hours", batch({ ...good, t: 6 * 3600 + 0.5 })],
  ["t negative", batch({ ...good, t: -1 })],
  ["t as text", batch({ ...good, t: "1" })],
];

function agree(input: unknown) {
  const fast = wellFormedSamples(input);
  const schema = samplesPayload.safeParse(input);
  if (fast !== null) {
    expect(schema.success).toBe(true);
    expect(fast).toEqual(schema.data);
  }
  return { fast, schema };
}

describe("wellFormedSamples", () => {
  it.each(edges)("agrees with samplesPayload: %s", (_, input) => {
    agree(wire(input));
  });

  it("takes every batch the schema takes, as a client sends it (the path it is for)", () => {
    for (const [name, input] of edges) {
      const { fast, schema } = agree(wire(input));
      expect({ name, fast: fast !== null }).toEqual({ name, fast: schema.success });
    }
  });

  it("agrees on thousands of batches made at random around the edges", () => {
    // A small generator of its own (mulberry32): the same inputs on every run.
    let seed = 20261205;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const numbers = [0, -0, 1, -1, 0.5, 10, 10.5, 6 * 3600, 6 * 3600 + 1, Number.MAX_SAFE_INTEGER, 2 ** 53, 3.7];
    const field = (): unknown => pick<unknown>([...numbers, pick(numbers), "1", null, true, [], {}, pick(ELEMENT_IDS), "x"]);
    const sample = (): unknown => {
      // A good sample (values on the edges now and then), then at times one thing wrong with it.
      const s: Record<string, unknown> = {
        seq: random() < 0.9 ? 1 + Math.floor(random() * 1e6) : pick(numbers),
        element: pick(ELEMENT_IDS),
        value: random() < 0.9 ? Math.round(random() * 100) / 10 : pick(numbers),
        t: random() < 0.9 ? random() * 6 * 3600 : pick(numbers),
      };
      const change = random();
      if (change < 0.15) s[pick(["seq", "element", "value", "t"])] = field();
      else if (change < 0.2) delete s[pick(["seq", "element", "value", "t"])];
      else if (change < 0.25) s[pick(["note", "extra", "seqs"])] = field();
      return s;
    };
    let accepted = 0;
    for (let i = 0; i < 5000; i++) {
      const n = random() < 0.05 ? pick([0, MAX_SAMPLES_PER_BATCH + 1]) : 1 + Math.floor(random() * 4);
      const input = wire(random() < 0.03 ? { samples: Array.from({ length: n }, sample), [pick(["x", "sample"])]: 1 } : batch(...Array.from({ length: n }, sample)));
      const { fast, schema } = agree(input);
      expect(fast !== null).toBe(schema.success);
      if (fast) accepted++;
    }
    // Both sides of the line were tried.
    expect(accepted).toBeGreaterThan(500);
    expect(accepted).toBeLessThan(4800);
  });
});
