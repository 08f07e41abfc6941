import { systemClock, type Clock } from '@/lib/council/clock';
import { ModelCallError } from '@/lib/council/model-call-error';
import { abortError } from './call-errors';

/** Limits of one provider's bulkhead. Field names match the config's `providers[].maxConcurrent / maxQueue`. */
export interface BulkheadOptions {
  /** Calls in flight at once. */
  maxConcurrent: number;
  /** Calls waiting for a slot (FIFO); past it, 'overloaded'. */
  maxQueue: number;
  /** For error messages only. */
  name?: string;
}

/** Gives back the slot; calling it again does nothing. */
export type BulkheadRelease = () => void;

interface Waiter {
  grant: () => void;
  onAbort: () => void;
}

/** Before any call has finished we guess a call holds its slot this long. */
const INITIAL_HOLD_ESTIMATE_MS = 2_000;
/** Weight of the newest hold time in the running average. */
const HOLD_SMOOTHING = 0.2;

/**
 * A bounded number of in-flight calls per provider with a bounded FIFO queue, so that a burst waits in
 * line or is refused (typed 'overloaded') instead of piling up without bound.
 */
export class Bulkhead {
  private readonly options: BulkheadOptions;
  private readonly clock: Clock;
  private active = 0;
  private readonly waiters: Waiter[] = [];
  private averageHoldMs = INITIAL_HOLD_ESTIMATE_MS;

  constructor(options: BulkheadOptions, clock: Clock = systemClock) {
    if (!(options.maxConcurrent >= 1)) throw new RangeError('maxConcurrent must be at least 1');
    if (!(options.maxQueue >= 0)) throw new RangeError('maxQueue must not be negative');
    this.options = options;
    this.clock = clock;
  }

  inFlight(): number {
    return this.active;
  }

  queued(): number {
    return this.waiters.length;
  }

  /** True when one more call would have to wait in line (or be refused) rather than start at once. */
  wouldWait(): boolean {
    return this.active >= this.options.maxConcurrent || this.waiters.length > 0;
  }

  /** True when one more call would be refused: every slot is taken and the queue is full. */
  saturated(): boolean {
    return this.active >= this.options.maxConcurrent && this.waiters.length >= this.options.maxQueue;
  }

  /** A guess at when a slot frees up for a new caller, for a 503's Retry-After: whole seconds in [1, 60]. */
  retryAfterSeconds(): number {
    const rounds = this.waiters.length / this.options.maxConcurrent + 1;
    return Math.min(60, Math.max(1, Math.ceil((rounds * this.averageHoldMs) / 1000)));
  }

  /**
   * Resolves with a release function once a slot is ours. Throws ModelCallError 'overloaded' when the
   * queue is full, and the abort's error when `signal` aborts while waiting (the call leaves the queue).
   */
  acquire(signal?: AbortSignal): Promise<BulkheadRelease> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    if (this.active < this.options.maxConcurrent && this.waiters.length === 0) {
      this.active += 1;
      return Promise.resolve(this.releaser());
    }
    if (this.waiters.length >= this.options.maxQueue) {
      return Promise.reject(
        new ModelCallError({
          reason: 'overloaded',
          message: `Too many calls waiting for ${this.options.name ?? 'this provider'}.`,
          retryAfterMs: this.retryAfterSeconds() * 1000,
        }),
      );
    }
    return new Promise<BulkheadRelease>((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', waiter.onAbort);
          resolve(this.releaser());
        },
        onAbort: () => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) this.waiters.splice(index, 1);
          reject(abortError(signal as AbortSignal));
        },
      };
      this.waiters.push(waiter);
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
    });
  }

  private releaser(): BulkheadRelease {
    const grantedAt = this.clock.now();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const held = this.clock.now() - grantedAt;
      this.averageHoldMs += HOLD_SMOOTHING * (held - this.averageHoldMs);
      // Hand the slot straight to the next in line so that a newcomer cannot jump the queue.
      const next = this.waiters.shift();
      if (next) next.grant();
      else this.active -= 1;
    };
  }
}
