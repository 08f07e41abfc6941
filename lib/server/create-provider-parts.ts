import type { ResolvedProvider } from '@/lib/config/resolved-config';
import type { Clock } from '@/lib/council/clock';
import { Bulkhead, SharedBulkhead, type ProviderBulkhead } from '@/lib/providers/resilience';
import type { RedisConnection } from '@/lib/redis/redis-connection';
import { RedisInFlightSlots } from '@/lib/redis/redis-in-flight-slots';

/** What every model of one provider shares: one bulkhead, for all runs (rate limits are kept per model). */
export interface ProviderParts {
  provider: ResolvedProvider;
  bulkhead: ProviderBulkhead;
}

/**
 * With Redis, the bulkhead's in-flight count is shared across instances under the provider's id
 * (`maxConcurrent` then bounds the provider's calls in all instances).
 */
export function createProviderParts(provider: ResolvedProvider, clock: Clock, redis: RedisConnection | null = null): ProviderParts {
  const bulkhead = new Bulkhead({ maxConcurrent: provider.maxConcurrent, maxQueue: provider.maxQueue, name: provider.id }, clock);
  if (!redis) return { provider, bulkhead };
  return { provider, bulkhead: new SharedBulkhead(bulkhead, new RedisInFlightSlots(redis), provider.id, provider.maxConcurrent, clock) };
}
