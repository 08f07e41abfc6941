import type { CouncilPolicy } from './policy';

/** Answers needed before the straggler clock starts: at least half of the council, and at least 2. */
export function stragglerThreshold(members: number): number {
  return Math.max(2, Math.ceil(members / 2));
}

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** How much longer the remaining members get once the threshold is met. */
export function stragglerGraceMs(latenciesOfDone: number[], straggler: CouncilPolicy['straggler']): number {
  return Math.max(straggler.floorMs, straggler.factor * median(latenciesOfDone));
}
