import type { ResolvedProvider } from '@/lib/config/resolved-config';
import type { Clock } from '@/lib/council/clock';
import { Bulkhead, ProviderLimiter } from '@/lib/providers/resilience';

/** What every model of one provider shares: one rate limiter and one bulkhead, for all runs. */
export interface ProviderParts {
  provider: ResolvedProvider;
  limiter: ProviderLimiter;
  bulkhead: Bulkhead;
}

export function createProviderParts(provider: ResolvedProvider, clock: Clock): ProviderParts {
  return {
    provider,
    limiter: new ProviderLimiter({ name: provider.id }, clock),
    bulkhead: new Bulkhead(
      { maxConcurrent: provider.maxConcurrent, maxQueue: provider.maxQueue, name: provider.id },
      clock,
    ),
  };
}
