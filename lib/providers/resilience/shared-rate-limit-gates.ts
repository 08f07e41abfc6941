import { systemClock, type Clock } from '@/lib/council/clock';
import type { RateLimitGate, RateLimitGates } from './rate-limit-gate';
import type { RateLimitPauses } from './rate-limit-pauses';
import { SharedViewLimiter } from './shared-view-limiter';

/**
 * Rate-limit gates whose holds are shared across instances (DESIGN.md §7): each key's local gate (per model,
 * or per provider) counts as before, and a hold it learns (a 429's pause, an exhausted window) is published
 * under the same key for every instance to wait out.
 */
export class SharedRateLimitGates implements RateLimitGates {
  private readonly gates = new Map<string, RateLimitGate>();

  constructor(
    private readonly local: RateLimitGates,
    private readonly pauses: RateLimitPauses,
    private readonly clock: Clock = systemClock,
  ) {}

  gate(key: string): RateLimitGate {
    let gate = this.gates.get(key);
    if (!gate) {
      gate = new SharedViewLimiter(this.local.gate(key), this.pauses, key, this.clock);
      this.gates.set(key, gate);
    }
    return gate;
  }
}
