import type { Clock } from '@/lib/council/clock';

interface Timer {
  at: number;
  order: number;
  fn: () => void;
}

/**
 * A Clock on virtual time. Timers fire only when the test advances time, in due order (ties in
 * the order they were set), so engine tests are fast and deterministic.
 */
export class FakeClock implements Clock {
  private nowMs: number;
  private timers: Timer[] = [];
  private order = 0;

  constructor(startMs = 1_000) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  setTimer(fn: () => void, ms: number): () => void {
    const timer: Timer = { at: this.nowMs + Math.max(0, ms), order: this.order++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Number of timers still waiting. */
  pending(): number {
    return this.timers.length;
  }

  /**
   * Moves time to the earliest timer and fires that one timer only (as Node runs each timer as its
   * own macrotask, so promise chains run between two timers due at the same time); false when none is set.
   */
  advanceToNextTimer(): boolean {
    const next = this.earliest();
    if (!next) return false;
    this.nowMs = Math.max(this.nowMs, next.at);
    this.timers = this.timers.filter((t) => t !== next);
    next.fn();
    return true;
  }

  /** When the earliest timer is due, or null. */
  nextTimerAt(): number | null {
    return this.earliest()?.at ?? null;
  }

  /** Moves time forward by `ms`, firing timers on the way in due order. */
  advance(ms: number): void {
    const target = this.nowMs + ms;
    for (let next = this.earliest(); next && next.at <= target; next = this.earliest()) {
      this.nowMs = Math.max(this.nowMs, next.at);
      this.fireDue();
    }
    this.nowMs = target;
  }

  private earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) if (!best || t.at < best.at || (t.at === best.at && t.order < best.order)) best = t;
    return best;
  }

  private fireDue(): void {
    // One at a time: a timer may cancel or set others.
    for (let next = this.earliest(); next && next.at <= this.nowMs; next = this.earliest()) {
      this.timers = this.timers.filter((t) => t !== next);
      next.fn();
    }
  }
}

/** Lets every pending promise chain run to its end (the engine and fakes use no real I/O). */
export function settleMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
