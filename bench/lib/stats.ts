// Quantiles and small formatting helpers shared by the bench sections.

export interface Distribution {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank quantile of an ascending array. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export function distribution(values: readonly number[]): Distribution {
  const sorted = Float64Array.from(values).sort();
  const s = Array.from(sorted);
  return { n: s.length, p50: quantile(s, 0.5), p95: quantile(s, 0.95), p99: quantile(s, 0.99), max: s.length ? s[s.length - 1] : Number.NaN };
}

export function median(values: readonly number[]): number {
  return quantile([...values].sort((a, b) => a - b), 0.5);
}

/** Milliseconds with a precision that suits their size. */
export function ms(x: number): string {
  if (!Number.isFinite(x)) return "–";
  if (x >= 100) return `${Math.round(x)}`;
  if (x >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

export function int(x: number): string {
  return Number.isFinite(x) ? Math.round(x).toLocaleString("en-US").replace(/,/g, " ") : "–";
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export const sleep = (msec: number) => new Promise<void>((resolve) => setTimeout(resolve, msec));
