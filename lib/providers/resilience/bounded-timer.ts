import type { Clock } from '@/lib/council/clock';

/** Node fires a setTimeout longer than this at once (with a warning) instead of never. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * `clock.setTimer`, except that a wait too long to matter (Infinity, or beyond what setTimeout can
 * hold) sets no timer at all instead of firing at once.
 */
export function setBoundedTimer(clock: Clock, fn: () => void, ms: number): () => void {
  if (!(ms <= MAX_TIMER_MS)) return () => {};
  return clock.setTimer(fn, ms);
}
