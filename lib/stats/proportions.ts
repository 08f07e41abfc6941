/** Small, exact statistics helpers for /api/stats: percentiles and a 95% interval for a share. */

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/**
 * The p-th percentile (0..100) of `values` by the nearest-rank method: the smallest value with at least
 * p% of the values at or below it. Always an observed value; null for no values. `values` need not be sorted.
 */
export function percentile(values: readonly number[], p: number): number | null {
  return percentileOfSorted([...values].sort((a, b) => a - b), p);
}

/** The same for values already sorted ascending (sort once, read several percentiles). */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

/**
 * Wilson score interval (95%) for `successes` out of `trials`: unlike the normal approximation it stays
 * inside [0, 1] and behaves at small counts and shares near 0 or 1. [0, 1] when there are no trials.
 */
export function wilson95(successes: number, trials: number): [number, number] {
  if (trials <= 0) return [0, 1];
  const p = successes / trials;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / (1 + z2 / trials);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
