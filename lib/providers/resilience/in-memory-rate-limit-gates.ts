import { systemClock, type Clock } from '@/lib/council/clock';
import { ProviderLimiter, type ProviderLimiterOptions } from './provider-limiter';
import type { RateLimitGate, RateLimitGates } from './rate-limit-gate';

/** One in-process ProviderLimiter per key, created on first use and kept for the life of the process. */
export class InMemoryRateLimitGates implements RateLimitGates {
  private readonly gates = new Map<string, ProviderLimiter>();

  constructor(
    private readonly options: Partial<ProviderLimiterOptions> = {},
    private readonly clock: Clock = systemClock,
  ) {}

  gate(key: string): RateLimitGate {
    let gate = this.gates.get(key);
    if (!gate) {
      gate = new ProviderLimiter({ ...this.options, name: key }, this.clock);
      this.gates.set(key, gate);
    }
    return gate;
  }
}

/** The rate-limit key of a model: the model on its provider, or the provider alone when its limit is per key. */
export function rateLimitKey(providerId: string, upstreamModel: string, scope: 'model' | 'provider'): string {
  return scope === 'provider' ? providerId : `${providerId}/${upstreamModel}`;
}
