import { describe, expect, it } from "vitest";
import { krippendorffAlpha } from "./krippendorff";

const _ = null;

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers,
// 12 units, values 1–5, with missing data. Published: nominal .743, interval .849.
const CANONICAL = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];

/**
 * Independent reference implementation: the coincidence-matrix form from Krippendorff's text
 * (o_ck = sum over units of pairs / (m_u - 1); D_o and D_e from the matrix), quadratic but plain.
 */
function alphaByCoincidences(data: (number | null)[][], delta: (c: number, k: number) => number): number {
  const units = data[0].map((_, u) => data.map((row) => row[u]).filter((v): v is number => v !== null));
  const pairable = units.filter((values) => values.length >= 2);
  const categories = [...new Set(pairable.flat())].sort((a, b) => a - b);
  const o = new Map<string, number>();
  for (const values of pairable) {
    for (let i = 0; i < values.length; i++) {
      for (let j = 0; j < values.length; j++) {
        if (i === j) continue;
        const key = `${values[i]}|${values[j]}`;
        o.set(key, (o.get(key) ?? 0) + 1 / (values.length - 1));
      }
    }
  }
  const nc = new Map(categories.map((c) => [c, 0]));
  for (const [key, count] of o) {
    const c = Number(key.split("|")[0]);
    nc.set(c, (nc.get(c) ?? 0) + count);
  }
  const n = [...nc.values()].reduce((a, b) => a + b, 0);
  let observed = 0;
  let expected = 0;
  for (const c of categories) {
    for (const k of categories) {
      observed += (o.get(`${c}|${k}`) ?? 0) * delta(c, k);
      expected += (nc.get(c)! * (nc.get(k)! - (c === k ? 1 : 0)) * delta(c, k)) / (n - 1);
    }
  }
  return 1 - observed / expected;
}

const interval = (c: number, k: number) => (c - k) ** 2;
const nominal = (c: number, k: number) => (c === k ? 0 : 1);

describe("krippendorffAlpha", () => {
  it("reproduces Krippendorff's published example with missing values (interval .849)", () => {
    const result = krippendorffAlpha(CANONICAL, "interval");
    expect(result.alpha).toBeCloseTo(0.849, 3);
    // Unit 12 has a single value and is not pairable: 11 units, 40 values.
    expect(result.units).toBe(11);
    expect(result.values).toBe(40);
    expect(result.coders).toBe(4);
  });

  it("reproduces the published nominal value (.743) of the same data", () => {
    expect(krippendorffAlpha(CANONICAL, "nominal").alpha).toBeCloseTo(0.743, 3);
  });

  it("agrees with the coincidence-matrix form on the canonical data", () => {
    expect(krippendorffAlpha(CANONICAL, "interval").alpha).toBeCloseTo(alphaByCoincidences(CANONICAL, interval), 12);
    expect(krippendorffAlpha(CANONICAL, "nominal").alpha).toBeCloseTo(alphaByCoincidences(CANONICAL, nominal), 12);
  });

  it("computes a small case worked out by hand", () => {
    // Units (1,1), (2,2), (3,4). n = 6. D_o = (0 + 0 + 2*1/1) / 6 = 1/3.
    // Pooled 1,1,2,2,3,4: sum 13, sum of squares 35; pair sum 2*(6*35 - 169) = 82; D_e = 82/30.
    // alpha = 1 - (1/3)/(82/30) = 1 - 10/82 = 72/82.
    const result = krippendorffAlpha([
      [1, 2, 3],
      [1, 2, 4],
    ]);
    expect(result.alpha).toBeCloseTo(72 / 82, 12);
    expect(result.observedDisagreement).toBeCloseTo(1 / 3, 12);
    expect(result.expectedDisagreement).toBeCloseTo(82 / 30, 12);
  });

  it("drops units with one value and keeps the rest (missing ratings), worked by hand", () => {
    // Three coders, four units; unit 4 has a single value and does not count.
    // Units: (2,4) m=2: pair sum 2*4=8, /1 -> 8; (5,5,5): 0; (6,8) -> 8; n = 7.
    // D_o = 16/7. Pooled 2,4,5,5,5,6,8: sum 35, squares 195; pair sum 2*(7*195 - 1225) = 280; D_e = 280/42.
    // alpha = 1 - (16/7)/(280/42) = 1 - 96/280 = 184/280.
    const result = krippendorffAlpha([
      [2, 5, _, 9],
      [4, 5, 6, _],
      [_, 5, 8, _],
    ]);
    expect(result.units).toBe(3);
    expect(result.values).toBe(7);
    expect(result.alpha).toBeCloseTo(184 / 280, 12);
    // Same answer with the missing value written as NaN or left off the end of a row.
    expect(krippendorffAlpha([[2, 5, NaN, 9], [4, 5, 6], [_, 5, 8]]).alpha).toBeCloseTo(184 / 280, 12);
  });

  it("is 1 for perfect agreement and negative for systematic disagreement", () => {
    expect(krippendorffAlpha([[1, 5, 9], [1, 5, 9]]).alpha).toBe(1);
    // Two units where the coders swap: (0,10), (10,0). D_o = 200*2/4 = 100; D_e = pooled 0,10,0,10:
    // pair sum 2*(4*200 - 400) = 800, /12 -> 66.7; alpha = 1 - 100/66.7 = -0.5.
    expect(krippendorffAlpha([[0, 10], [10, 0]]).alpha).toBeCloseTo(-0.5, 12);
  });

  it("accepts non-integer values (binned means)", () => {
    const data = [
      [1.5, 2.25, 7.1, _],
      [1.0, 3.0, 6.9, 4.2],
      [2.0, _, 7.3, 4.4],
    ];
    expect(krippendorffAlpha(data).alpha).toBeCloseTo(alphaByCoincidences(data, interval), 12);
  });

  it("matches the coincidence form on random data with gaps", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let round = 0; round < 20; round++) {
      const data = Array.from({ length: 2 + (round % 5) }, () =>
        Array.from({ length: 15 }, () => (random() < 0.25 ? null : Math.round(random() * 10))),
      );
      const mine = krippendorffAlpha(data).alpha;
      if (mine === null) continue;
      expect(mine).toBeCloseTo(alphaByCoincidences(data, interval), 9);
      expect(krippendorffAlpha(data, "nominal").alpha).toBeCloseTo(alphaByCoincidences(data, nominal), 9);
    }
  });

  it("has no value with one coder", () => {
    const result = krippendorffAlpha([[1, 2, 3, 4]]);
    expect(result).toMatchObject({ alpha: null, reason: "no-pairable-units", units: 0, coders: 0 });
  });

  it("has no value when no unit holds two values", () => {
    expect(krippendorffAlpha([[1, _, 3], [_, 2, _]]).reason).toBe("no-pairable-units");
    expect(krippendorffAlpha([]).reason).toBe("no-pairable-units");
  });

  it("has no value when every value is the same", () => {
    const result = krippendorffAlpha([[4, 4, 4], [4, _, 4]]);
    expect(result).toMatchObject({ alpha: null, reason: "no-variation", units: 2, values: 4 });
  });
});
