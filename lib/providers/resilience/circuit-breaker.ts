import { systemClock, type Clock } from '@/lib/council/clock';
import { ModelCallError } from '@/lib/council/model-call-error';

/** When a model's circuit opens and how long it stays open. Field names match the config's `circuitBreaker`. */
export interface CircuitBreakerOptions {
  /** Open after this many failures in a row. */
  failureThreshold: number;
  /** …or when at least this fraction of the calls in the window failed… */
  failureRatio: number;
  /** …once the window holds at least this many calls. */
  minimumCalls: number;
  /** The rolling window for the ratio, in ms. */
  windowMs: number;
  /** How long the circuit stays open before one probe is let through, in ms. */
  cooldownMs: number;
}

export const DEFAULT_CIRCUIT_BREAKER_OPTIONS: CircuitBreakerOptions = {
  failureThreshold: 5,
  failureRatio: 0.5,
  minimumCalls: 10,
  windowMs: 60_000,
  cooldownMs: 30_000,
};

export type CircuitState = 'closed' | 'open' | 'half_open';

/**
 * The outcome slot of one admitted call. The first report wins; `release` (a call that ended without
 * a verdict: cancelled, abandoned, refused by our own bulkhead) frees a half-open probe slot.
 */
export interface CircuitTicket {
  succeed(): void;
  /** Cancellations, rate limits and our own refusals ('overloaded', 'circuit_open') are not held against the model. */
  fail(error: ModelCallError): void;
  release(): void;
}

/**
 * Failures that say nothing about the model's health. A 429 ('rate_limited') is among them: a model that
 * is merely busy is not broken, and the limiter already pauses its key; opening the circuit as well would
 * turn a few seconds of back-pressure into `cooldownMs` of refusals.
 */
const NEUTRAL_REASONS = new Set<string>(['cancelled', 'overloaded', 'circuit_open', 'rate_limited']);

/**
 * A circuit breaker per model: closed → open after repeated failures → after a cooldown exactly one
 * half-open probe → closed on its success, open again on its failure. While open, calls fail at once
 * with 'circuit_open' so that a dead model costs a member nothing but the error.
 */
export class CircuitBreaker {
  private readonly options: CircuitBreakerOptions;
  private readonly clock: Clock;
  private readonly name: string;
  private outcomes: { at: number; ok: boolean }[] = [];
  private consecutiveFailures = 0;
  private openedAt: number | undefined;
  private probeInFlight = false;

  constructor(options: Partial<CircuitBreakerOptions> & { name?: string } = {}, clock: Clock = systemClock) {
    const { name, ...rest } = options;
    this.options = { ...DEFAULT_CIRCUIT_BREAKER_OPTIONS, ...stripUndefined(rest) };
    this.clock = clock;
    this.name = name ?? 'model';
  }

  state(): CircuitState {
    if (this.openedAt === undefined) return 'closed';
    return this.clock.now() - this.openedAt >= this.options.cooldownMs ? 'half_open' : 'open';
  }

  /** Lets a call through or throws ModelCallError 'circuit_open' (not retryable). */
  admit(): CircuitTicket {
    const state = this.state();
    if (state === 'open' || (state === 'half_open' && this.probeInFlight)) {
      const waitMs = this.openedAt === undefined ? 0 : this.openedAt + this.options.cooldownMs - this.clock.now();
      throw new ModelCallError({
        reason: 'circuit_open',
        message: `The circuit for ${this.name} is open after repeated failures.`,
        retryAfterMs: Math.max(0, Math.ceil(waitMs)),
      });
    }
    const probe = state === 'half_open';
    if (probe) this.probeInFlight = true;
    let settled = false;
    const settle = (outcome: 'success' | 'failure' | 'none') => {
      if (settled) return;
      settled = true;
      if (probe) this.probeInFlight = false;
      if (outcome === 'success') this.onSuccess();
      if (outcome === 'failure') this.onFailure(probe);
    };
    return {
      succeed: () => settle('success'),
      fail: (error) => settle(NEUTRAL_REASONS.has(error.reason) ? 'none' : 'failure'),
      release: () => settle('none'),
    };
  }

  private onSuccess(): void {
    this.consecutiveFailures = 0;
    if (this.openedAt !== undefined) {
      // Any success, the probe's or a call admitted before the circuit opened, shows the model is back.
      this.openedAt = undefined;
      this.outcomes = [];
      return;
    }
    this.record(true);
  }

  private onFailure(probe: boolean): void {
    if (probe) {
      this.openedAt = this.clock.now();
      return;
    }
    // A straggler admitted before the circuit opened tells us nothing new; it must not extend the cooldown.
    if (this.openedAt !== undefined) return;
    this.consecutiveFailures += 1;
    this.record(false);
    if (this.shouldOpen()) {
      this.openedAt = this.clock.now();
      this.outcomes = [];
      this.consecutiveFailures = 0;
    }
  }

  private record(ok: boolean): void {
    const now = this.clock.now();
    this.outcomes.push({ at: now, ok });
    const horizon = now - this.options.windowMs;
    const firstKept = this.outcomes.findIndex((outcome) => outcome.at > horizon);
    this.outcomes = firstKept < 0 ? [] : this.outcomes.slice(firstKept);
  }

  private shouldOpen(): boolean {
    if (this.consecutiveFailures >= this.options.failureThreshold) return true;
    const calls = this.outcomes.length;
    if (calls < this.options.minimumCalls) return false;
    const failures = this.outcomes.filter((outcome) => !outcome.ok).length;
    return failures / calls >= this.options.failureRatio;
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
