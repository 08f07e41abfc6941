/**
 * Keeps a stream on its schedule: each wait is computed from the time actually elapsed, so timer
 * lateness does not accumulate into a slower stream than the profile says. Without a clock (tests
 * with an instant sleep) time advances by exactly the waits requested.
 */
export interface Pacer {
  /** Moves the schedule `ms` further on and returns how long to wait now to be on time (≥ 0). */
  advance(ms: number): number;
  /** Records a wait that was done, for the clockless case. */
  waited(ms: number): void;
}

export function createPacer(now?: () => number): Pacer {
  const start = now ? now() : 0;
  let scheduled = 0;
  let virtual = 0;
  return {
    advance(ms) {
      scheduled += ms;
      const elapsed = now ? now() - start : virtual;
      return Math.max(0, scheduled - elapsed);
    },
    waited(ms) {
      virtual += ms;
    },
  };
}
