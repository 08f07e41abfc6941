export { withResilience, type ResilienceClock, type ResilienceParts } from './with-resilience';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
export { backoffCeiling, backoffDelay, retryDelay } from './backoff';
export {
  CircuitBreaker,
  DEFAULT_CIRCUIT_BREAKER_OPTIONS,
  type CircuitBreakerOptions,
  type CircuitState,
  type CircuitTicket,
} from './circuit-breaker';
export type { CircuitGate } from './circuit-gate';
export { Bulkhead, type BulkheadOptions, type BulkheadRelease } from './bulkhead';
export { ProviderLimiter, DEFAULT_PROVIDER_LIMITER_OPTIONS, type ProviderLimiterOptions } from './provider-limiter';
export type { LimiterAcquireOptions, RateLimitGate, RateLimitGates } from './rate-limit-gate';
export { InMemoryRateLimitGates, rateLimitKey } from './in-memory-rate-limit-gates';
export { parseRateLimitHeaders, type RateLimitSnapshot } from './parse-rate-limit-headers';
export { parseDuration } from './parse-duration';
export { estimateTokens } from './estimate-tokens';
export { sleep } from './sleep';
export { SharedViewLimiter, type RateLimiter } from './shared-view-limiter';
export { SharedRateLimitGates } from './shared-rate-limit-gates';
export { LocalRateLimitPauses, type RateLimitPauses } from './rate-limit-pauses';
export { SharedBulkhead, type ProviderBulkhead } from './shared-bulkhead';
export type { InFlightSlots } from './in-flight-slots';
