// Krippendorff's alpha, written out so it can be checked against his published examples
// (docs/decisions/005-results-and-agreement.md). Pure: a reliability-data matrix in, a number out.
//
//   alpha = 1 - D_o / D_e
//
// D_o: the observed disagreement, within units, over all pairable values (units coded by >= 2 coders);
// D_e: the disagreement expected by chance, over all pairs of those same pooled values.
// Units coded by fewer than two coders carry no information about agreement and are left out,
// which is how alpha tolerates missing ratings.
//
// For the interval metric (delta = (c - k)^2) the pair sums have a closed form, so the cost grows
// linearly with the number of values, never with the square of it:
//   sum over ordered pairs i != j of (x_i - x_j)^2  =  2 * (m * sum(x^2) - (sum x)^2)

export type AlphaMetric = "interval" | "nominal";

/** Why alpha has no value. */
export type AlphaUndefinedReason =
  /** No unit was coded by two or more coders: there is nothing to compare. */
  | "no-pairable-units"
  /** Every pairable value is the same: no disagreement is possible, so none can be measured. */
  | "no-variation";

export interface AlphaResult {
  alpha: number | null;
  reason: AlphaUndefinedReason | null;
  /** Units coded by at least two coders: the ones alpha rests on. */
  units: number;
  /** Coders with at least one value in a pairable unit. */
  coders: number;
  /** n: the number of pairable values. */
  values: number;
  observedDisagreement: number | null;
  expectedDisagreement: number | null;
}

/**
 * Krippendorff's alpha for a reliability-data matrix: `data[coder][unit]`, `null` (or NaN) for a
 * missing value. Rows may have different lengths; a missing cell counts as missing.
 */
export function krippendorffAlpha(
  data: ReadonlyArray<ArrayLike<number | null | undefined>>,
  metric: AlphaMetric = "interval",
): AlphaResult {
  const unitCount = data.reduce((max, row) => Math.max(max, row.length), 0);
  const present = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);

  // Collect the values of each pairable unit, and which coders contributed to one.
  const units: number[][] = [];
  const codersSeen = new Set<number>();
  for (let u = 0; u < unitCount; u++) {
    const values: number[] = [];
    const coders: number[] = [];
    for (let c = 0; c < data.length; c++) {
      const v = data[c][u];
      if (present(v)) {
        values.push(v);
        coders.push(c);
      }
    }
    if (values.length >= 2) {
      units.push(values);
      for (const c of coders) codersSeen.add(c);
    }
  }

  const n = units.reduce((sum, values) => sum + values.length, 0);
  const base = { units: units.length, coders: codersSeen.size, values: n };
  if (units.length === 0) {
    return { ...base, alpha: null, reason: "no-pairable-units", observedDisagreement: null, expectedDisagreement: null };
  }

  const { observed, expected } =
    metric === "interval" ? intervalDisagreement(units, n) : nominalDisagreement(units, n);
  if (expected === 0) {
    return { ...base, alpha: null, reason: "no-variation", observedDisagreement: observed, expectedDisagreement: 0 };
  }
  return {
    ...base,
    alpha: 1 - observed / expected,
    reason: null,
    observedDisagreement: observed,
    expectedDisagreement: expected,
  };
}

/** Sum over ordered pairs (i != j) of (x_i - x_j)^2, from the sums. Never negative. */
function squaredPairSum(m: number, sum: number, sumSquares: number): number {
  return Math.max(0, 2 * (m * sumSquares - sum * sum));
}

function intervalDisagreement(units: number[][], n: number): { observed: number; expected: number } {
  let within = 0;
  let total = 0;
  let totalSquares = 0;
  for (const values of units) {
    let sum = 0;
    let sumSquares = 0;
    for (const v of values) {
      sum += v;
      sumSquares += v * v;
    }
    within += squaredPairSum(values.length, sum, sumSquares) / (values.length - 1);
    total += sum;
    totalSquares += sumSquares;
  }
  return {
    observed: within / n,
    expected: squaredPairSum(n, total, totalSquares) / (n * (n - 1)),
  };
}

function nominalDisagreement(units: number[][], n: number): { observed: number; expected: number } {
  let within = 0;
  const pooled = new Map<number, number>();
  for (const values of units) {
    const counts = new Map<number, number>();
    for (const v of values) {
      counts.set(v, (counts.get(v) ?? 0) + 1);
      pooled.set(v, (pooled.get(v) ?? 0) + 1);
    }
    // Ordered pairs with different values: m^2 minus the pairs (including self-pairs) that match.
    let matching = 0;
    for (const count of counts.values()) matching += count * count;
    within += (values.length * values.length - matching) / (values.length - 1);
  }
  let matching = 0;
  for (const count of pooled.values()) matching += count * count;
  return { observed: within / n, expected: (n * n - matching) / (n * (n - 1)) };
}
