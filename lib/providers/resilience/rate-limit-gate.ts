/** What a call asks of the limiter. */
export interface LimiterAcquireOptions {
  /** Estimated tokens of the call (input + max output); held back while the window has fewer left. */
  tokens?: number;
  /** Give up at once (rate_limited) rather than wait longer than this. */
  maxWaitMs?: number;
}

/**
 * The rate limiter of one key, as the resilience layer uses it. The in-process implementation is
 * ProviderLimiter; a shared one (Redis) implements the same three calls over the same key.
 */
export interface RateLimitGate {
  /** Learns from one HTTP response of this key's calls (the adapter's `onResponse`). */
  readonly observe: (info: { status: number; headers: Headers }) => void;
  /** How long a call needing `tokens` would be held back if it asked now, in ms (0: it would go at once). */
  waitMs(tokens?: number): number;
  /**
   * Resolves when the call may go. Throws ModelCallError 'rate_limited' when the wait would exceed
   * `maxWaitMs`, and the abort's error when `signal` aborts while waiting.
   */
  acquire(signal?: AbortSignal, options?: LimiterAcquireOptions): Promise<void>;
}

/**
 * Rate-limit state keyed by what the provider actually limits: `provider/model` by default (OpenAI,
 * Anthropic and OpenRouter's upstreams count each model separately), or `provider` alone for a provider
 * configured with `rateLimitScope: "provider"` (one limit per API key). The server builds one of these
 * per process (or a Redis-backed one shared by every instance) and hands each model its key's gate.
 */
export interface RateLimitGates {
  gate(key: string): RateLimitGate;
}
