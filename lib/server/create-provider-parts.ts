import type { ResolvedProvider } from '@/lib/config/resolved-config';
import type { Clock } from '@/lib/council/clock';
import {
  Bulkhead,
  ProviderLimiter,
  SharedBulkhead,
  SharedViewLimiter,
  type ProviderBulkhead,
  type RateLimiter,
} from '@/lib/providers/resilience';
import type { RedisConnection } from '@/lib/redis/redis-connection';
import { RedisInFlightSlots } from '@/lib/redis/redis-in-flight-slots';
import { RedisRateLimitPauses } from '@/lib/redis/redis-rate-limit-pauses';

/** What every model of one provider shares: one rate limiter and one bulkhead, for all runs. */
export interface ProviderParts {
  provider: ResolvedProvider;
  limiter: RateLimiter;
  bulkhead: ProviderBulkhead;
}

/**
 * With Redis, shared across instances under the provider's id: the limiter's holds (429 pauses, exhausted
 * windows) and the bulkhead's in-flight count (`maxConcurrent` then bounds the provider's calls in all instances).
 */
export function createProviderParts(provider: ResolvedProvider, clock: Clock, redis: RedisConnection | null = null): ProviderParts {
  const limiter = new ProviderLimiter({ name: provider.id }, clock);
  const bulkhead = new Bulkhead({ maxConcurrent: provider.maxConcurrent, maxQueue: provider.maxQueue, name: provider.id }, clock);
  if (!redis) return { provider, limiter, bulkhead };
  return {
    provider,
    limiter: new SharedViewLimiter(limiter, new RedisRateLimitPauses(redis), provider.id, clock),
    bulkhead: new SharedBulkhead(bulkhead, new RedisInFlightSlots(redis), provider.id, provider.maxConcurrent, clock),
  };
}
