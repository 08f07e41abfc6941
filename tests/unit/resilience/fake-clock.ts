import type { Clock } from '@/lib/council/clock';

interface Timer {
  at: number;
  order: number;
  fn: () => void;
}

/** Lets every pending promise callback run (one macrotask turn drains the microtask queue). */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A virtual clock: time moves only when a test moves it, and timers fire in time order.
 * `drive` runs a promise to completion by jumping from timer to timer whenever nothing else can happen.
 */
export class FakeClock implements Clock {
  private time = 0;
  private order = 0;
  private timers: Timer[] = [];

  now(): number {
    return this.time;
  }

  setTimer(fn: () => void, ms: number): () => void {
    const timer = { at: this.time + Math.max(0, ms), order: this.order++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Timers still waiting: a finished call must leave none. */
  pending(): number {
    return this.timers.length;
  }

  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (let i = 0; i < 10_000; i += 1) {
      await flush();
      const next = this.nextTimer();
      if (!next || next.at > until) break;
      this.fire(next);
    }
    this.time = until;
    await flush();
  }

  /** Settles `promise` by firing timers one by one whenever the program is idle; bounded. */
  async drive<T>(promise: Promise<T>): Promise<T> {
    let settled = false;
    const tracked = promise.finally(() => {
      settled = true;
    });
    tracked.catch(() => {});
    for (let i = 0; i < 10_000 && !settled; i += 1) {
      await flush();
      if (settled) break;
      const next = this.nextTimer();
      if (!next) break;
      this.fire(next);
    }
    if (!settled) throw new Error('drive: the promise can never settle (no timer left to fire)');
    return promise;
  }

  private nextTimer(): Timer | undefined {
    return [...this.timers].sort((a, b) => a.at - b.at || a.order - b.order)[0];
  }

  private fire(timer: Timer): void {
    this.timers = this.timers.filter((t) => t !== timer);
    this.time = Math.max(this.time, timer.at);
    timer.fn();
  }
}
