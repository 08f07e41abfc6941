import { systemClock, type Clock } from '@/lib/council/clock';
import { ModelCallError } from '@/lib/council/model-call-error';
import type { LimiterAcquireOptions, RateLimitGate } from './rate-limit-gate';
import type { RateLimitPauses } from './rate-limit-pauses';
import { sleep } from './sleep';

/** What the resilience layer and the adapters ask of a limiter: a RateLimitGate (kept as a name for callers). */
export type RateLimiter = RateLimitGate;

/**
 * A limiter whose holds are shared under a key: whenever a response leaves the local limiter holding calls back
 * (a 429's pause, an exhausted window), the hold is published, and every call first waits out the hold any
 * instance published. The local limiter keeps its own counting between responses.
 */
export class SharedViewLimiter implements RateLimiter {
  constructor(
    private readonly local: RateLimitGate,
    private readonly pauses: RateLimitPauses,
    private readonly key: string,
    private readonly clock: Clock = systemClock,
    private readonly wallNow: () => number = Date.now,
  ) {}

  readonly observe = (info: { status: number; headers: Headers }): void => {
    this.local.observe(info);
    const holdMs = this.local.waitMs();
    if (holdMs > 0) this.pauses.pause(this.key, this.wallNow() + holdMs);
  };

  waitMs(tokens = 0): number {
    return this.local.waitMs(tokens);
  }

  async acquire(signal?: AbortSignal, options: LimiterAcquireOptions = {}): Promise<void> {
    const started = this.clock.now();
    const sharedWaitMs = (await this.pauses.pausedUntil(this.key)) - this.wallNow();
    if (sharedWaitMs > 0) {
      if (sharedWaitMs > (options.maxWaitMs ?? Number.POSITIVE_INFINITY)) {
        throw new ModelCallError({
          reason: 'rate_limited',
          message: `${this.key} is rate limited for another ${Math.ceil(sharedWaitMs)} ms.`,
          retryAfterMs: Math.ceil(sharedWaitMs),
        });
      }
      await sleep(this.clock, sharedWaitMs, signal);
    }
    const spent = this.clock.now() - started;
    const maxWaitMs = options.maxWaitMs === undefined ? undefined : Math.max(0, options.maxWaitMs - spent);
    await this.local.acquire(signal, { ...options, ...(maxWaitMs === undefined ? {} : { maxWaitMs }) });
  }
}
