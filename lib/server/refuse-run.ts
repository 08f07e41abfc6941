import type { Identity } from '@/lib/access/identity';
import type { CouncilService } from './council-service-types';
import type { Refusal } from './refusal';

/**
 * Why a run on this tier cannot start for this caller, before anything is reserved: an unknown tier (400), a tier
 * whose provider has no key (400 `tier_unavailable`), a tier the key may not use (403), a provider whose queue is
 * full (503): the tier's, or those of `modelIds` when the caller chose the council. Null when it may start.
 */
export function refuseTier(service: CouncilService, tier: string, identity: Identity, modelIds?: string[]): Refusal | null {
  if (!service.hasTier(tier)) {
    const valid = service.tiers().map((t) => t.id);
    return {
      status: 400,
      code: 'unknown_tier',
      message: `Unknown tier "${tier}". Valid tiers: ${valid.join(', ')}.`,
      param: 'tier',
      issues: [{ path: 'tier', message: `must be one of ${valid.join(', ')}` }],
    };
  }
  const unavailable = service.tiers().find((t) => t.id === tier && !t.available);
  if (unavailable) {
    // 400, not 503: retrying does not help until the operator sets the key (and SDKs retry a 5xx by themselves).
    return {
      status: 400,
      code: 'tier_unavailable',
      message: `The tier "${tier}" is unavailable on this server: ${unavailable.unavailableReason ?? 'a key is missing.'}`,
      param: 'tier',
    };
  }
  if (identity.kind === 'key' && identity.tiers && !identity.tiers.includes(tier)) {
    return { status: 403, code: 'tier_forbidden', message: `This key may not use the tier "${tier}".`, param: 'tier' };
  }
  const busy = service.saturated(tier, modelIds);
  if (busy) {
    return {
      status: 503,
      code: 'overloaded',
      message: 'The council is at capacity. Try again shortly.',
      retryAfterSeconds: busy.retryAfterSeconds,
    };
  }
  return null;
}
