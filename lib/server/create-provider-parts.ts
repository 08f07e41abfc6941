import type { ResolvedProvider } from '@/lib/config/resolved-config';
import type { Clock } from '@/lib/council/clock';
import { Bulkhead } from '@/lib/providers/resilience';

/** What every model of one provider shares, for all runs: one bulkhead (its rate limits are keyed apart). */
export interface ProviderParts {
  provider: ResolvedProvider;
  bulkhead: Bulkhead;
}

export function createProviderParts(provider: ResolvedProvider, clock: Clock): ProviderParts {
  return {
    provider,
    bulkhead: new Bulkhead(
      { maxConcurrent: provider.maxConcurrent, maxQueue: provider.maxQueue, name: provider.id },
      clock,
    ),
  };
}
