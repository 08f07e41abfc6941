/**
 * Tracks every timer created through the global setTimeout while installed, so that a test can prove
 * that a call left none behind (an SDK's request timeout, a pacing timer). Timers that do not keep
 * the process alive (unref'd, like undici's internal clock) are not counted.
 */
export interface TimerTracker {
  /** Live timers that keep the process alive, described by their delay. */
  pending(): string[];
  restore(): void;
}

export function trackTimers(): TimerTracker {
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  const live = new Map<NodeJS.Timeout, number>();

  const tracked = (fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const timer = realSet(
      (...a: unknown[]) => {
        live.delete(timer);
        fn(...a);
      },
      ms,
      ...args,
    );
    live.set(timer, ms ?? 0);
    return timer;
  };
  globalThis.setTimeout = Object.assign(tracked, realSet) as typeof setTimeout;
  globalThis.clearTimeout = ((timer?: NodeJS.Timeout | string | number) => {
    if (timer && typeof timer === 'object') live.delete(timer);
    realClear(timer as NodeJS.Timeout);
  }) as typeof clearTimeout;

  return {
    pending: () => [...live].filter(([timer]) => timer.hasRef()).map(([, ms]) => `setTimeout(${ms} ms)`),
    restore() {
      globalThis.setTimeout = realSet;
      globalThis.clearTimeout = realClear;
    },
  };
}
