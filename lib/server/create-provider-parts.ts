import type { ResolvedProvider } from '@/lib/config/resolved-config';
import type { Clock } from '@/lib/council/clock';
import { Bulkhead, ProviderLimiter, SharedViewLimiter, type RateLimiter } from '@/lib/providers/resilience';
import type { RedisConnection } from '@/lib/redis/redis-connection';
import { RedisRateLimitPauses } from '@/lib/redis/redis-rate-limit-pauses';

/** What every model of one provider shares: one rate limiter and one bulkhead, for all runs. */
export interface ProviderParts {
  provider: ResolvedProvider;
  limiter: RateLimiter;
  bulkhead: Bulkhead;
}

/** With Redis, the limiter's holds (429 pauses, exhausted windows) are shared under the provider's id. */
export function createProviderParts(provider: ResolvedProvider, clock: Clock, redis: RedisConnection | null = null): ProviderParts {
  const local = new ProviderLimiter({ name: provider.id }, clock);
  return {
    provider,
    limiter: redis ? new SharedViewLimiter(local, new RedisRateLimitPauses(redis), provider.id, clock) : local,
    bulkhead: new Bulkhead(
      { maxConcurrent: provider.maxConcurrent, maxQueue: provider.maxQueue, name: provider.id },
      clock,
    ),
  };
}
