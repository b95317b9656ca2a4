// Summary statistics for the benchmark: percentiles, medians and ratios of noisy timings.

/** Linear interpolation between the closest ranks (NumPy's default); null for no samples. */
export function percentile(xs: readonly number[], p: number): number | null {
  const finite = xs.filter(Number.isFinite);
  if (finite.length === 0) return null;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be in [0, 100], got ${p}`);
  const sorted = [...finite].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export function median(xs: readonly number[]): number | null {
  return percentile(xs, 50);
}

export interface Summary {
  n: number;
  p50: number | null;
  p95: number | null;
  min: number | null;
  max: number | null;
}

/** n, p50, p95, min and max, rounded to `digits` decimals. */
export function summarize(xs: readonly number[], digits = 1): Summary {
  const finite = xs.filter(Number.isFinite);
  return {
    n: finite.length,
    p50: round(percentile(finite, 50), digits),
    p95: round(percentile(finite, 95), digits),
    min: round(finite.length ? Math.min(...finite) : null, digits),
    max: round(finite.length ? Math.max(...finite) : null, digits),
  };
}

export function round(x: number | null, digits = 1): number | null {
  if (x === null || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** a / b to 3 decimals, or null when either is missing or b is not positive. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b <= 0) return null;
  return round(a / b, 3);
}
