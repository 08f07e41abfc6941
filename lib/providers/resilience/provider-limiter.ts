import { systemClock, type Clock } from '@/lib/council/clock';
import { ModelCallError } from '@/lib/council/model-call-error';
import { parseRateLimitHeaders } from './parse-rate-limit-headers';
import type { LimiterAcquireOptions, RateLimitGate } from './rate-limit-gate';
import { sleep } from './sleep';

/** How cautious a provider's limiter is. */
export interface ProviderLimiterOptions {
  /** Hold calls back while the provider's remaining requests are at or below this. */
  reserveRequests: number;
  /** How long a 429 pauses the key when it names no retry-after and no exhausted window's reset. */
  defaultPauseMs: number;
  /**
   * The longest any pause or window reset read from a response may hold calls back, in ms. A provider (or a
   * proxy in front of it) that answers `retry-after: 86400` must not freeze a model for a day: past the cap
   * we try again, and a real limit answers with a fresh 429. Each call's own deadline caps it further.
   */
  maxPauseMs: number;
  /** For error messages only. */
  name?: string;
}

export const DEFAULT_PROVIDER_LIMITER_OPTIONS: ProviderLimiterOptions = {
  reserveRequests: 1,
  defaultPauseMs: 1_000,
  maxPauseMs: 60_000,
};


interface Window {
  remaining: number;
  resetAt: number;
}

/**
 * The adaptive limiter of one rate-limit key (a model, or a whole provider whose limit is per API key).
 * It learns the remaining requests and tokens from every response (pass `observe` as the adapter's
 * `onResponse`), counts its own calls against them until the next response says otherwise, and holds
 * calls back until the reset *before* the limit is hit. A 429 pauses every call of the key until its
 * retry-after (or the exhausted window's reset), never longer than `maxPauseMs`.
 */
export class ProviderLimiter implements RateLimitGate {
  private readonly options: ProviderLimiterOptions;
  private readonly clock: Clock;
  private readonly wallNow: () => number;
  private requests: Window | undefined;
  private tokens: Window | undefined;
  private pausedUntil = 0;

  constructor(
    options: Partial<ProviderLimiterOptions> = {},
    clock: Clock = systemClock,
    wallNow: () => number = Date.now,
  ) {
    this.options = { ...DEFAULT_PROVIDER_LIMITER_OPTIONS, ...options };
    this.clock = clock;
    this.wallNow = wallNow;
  }

  /** Learns from one HTTP response. Bound, so that it can be handed over as a callback. */
  readonly observe = (info: { status: number; headers: Headers }): void => {
    const now = this.clock.now();
    const snapshot = parseRateLimitHeaders(info.headers, this.wallNow());
    const capped = (ms: number) => Math.min(ms, this.options.maxPauseMs);
    // A count without its reset cannot tell us when to resume: keep what we knew.
    if (snapshot.remainingRequests !== undefined && snapshot.requestsResetMs !== undefined) {
      this.requests = { remaining: snapshot.remainingRequests, resetAt: now + capped(snapshot.requestsResetMs) };
    }
    if (snapshot.remainingTokens !== undefined && snapshot.tokensResetMs !== undefined) {
      this.tokens = { remaining: snapshot.remainingTokens, resetAt: now + capped(snapshot.tokensResetMs) };
    }
    if (info.status === 429) {
      const exhausted = [
        snapshot.remainingRequests === 0 ? snapshot.requestsResetMs : undefined,
        snapshot.remainingTokens === 0 ? snapshot.tokensResetMs : undefined,
      ].filter((ms): ms is number => ms !== undefined);
      const pauseMs =
        snapshot.retryAfterMs ?? (exhausted.length > 0 ? Math.max(...exhausted) : this.options.defaultPauseMs);
      this.pausedUntil = Math.max(this.pausedUntil, now + capped(pauseMs));
    }
  };

  /** How long a call needing `tokens` would be held back if it asked now, in ms. */
  waitMs(tokens = 0): number {
    const now = this.clock.now();
    if (this.requests && this.requests.resetAt <= now) this.requests = undefined;
    if (this.tokens && this.tokens.resetAt <= now) this.tokens = undefined;
    let until = this.pausedUntil;
    if (this.requests && this.requests.remaining <= this.options.reserveRequests) {
      until = Math.max(until, this.requests.resetAt);
    }
    if (this.tokens && tokens > 0 && this.tokens.remaining < tokens) {
      until = Math.max(until, this.tokens.resetAt);
    }
    return Math.max(0, until - now);
  }

  /**
   * Resolves when the call may go: at once, or after the reset it must wait for. Throws
   * ModelCallError 'rate_limited' (not retryable) when the wait would exceed `maxWaitMs`, and the
   * abort's error when `signal` aborts while waiting.
   */
  async acquire(signal?: AbortSignal, options: LimiterAcquireOptions = {}): Promise<void> {
    const tokens = options.tokens ?? 0;
    const giveUpAt = this.clock.now() + (options.maxWaitMs ?? Number.POSITIVE_INFINITY);
    // Each wait ends at a reset that then clears its window, so this loops only while responses
    // keep reporting fresh limits; the bound is a guard, not a tuning knob.
    for (let round = 0; round < 100; round += 1) {
      const waitMs = this.waitMs(tokens);
      if (waitMs === 0) {
        this.consume(tokens);
        return;
      }
      if (this.clock.now() + waitMs > giveUpAt) {
        throw new ModelCallError({
          reason: 'rate_limited',
          message: `${this.options.name ?? 'The provider'} is rate limited for another ${Math.ceil(waitMs)} ms.`,
          retryAfterMs: Math.ceil(waitMs),
        });
      }
      await sleep(this.clock, waitMs, signal);
    }
    this.consume(tokens);
  }

  /** Counts a call against the known windows until the next response reports the real numbers. */
  private consume(tokens: number): void {
    if (this.requests) this.requests.remaining -= 1;
    if (this.tokens) this.tokens.remaining -= tokens;
  }
}
