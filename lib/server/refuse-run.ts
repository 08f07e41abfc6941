import type { CouncilService } from './council-service-types';
import { jsonResponse } from '@/lib/http/json-response';

/** The response that refuses a run before it starts (unknown tier: 400; full provider queue: 503), or null. */
export function refuseRun(service: CouncilService, tier: string): Response | null {
  if (!service.hasTier(tier)) {
    const valid = service.tiers().map((t) => t.id);
    return jsonResponse(
      {
        error: `Unknown tier "${tier}". Valid tiers: ${valid.join(', ')}.`,
        issues: [{ path: 'tier', message: `must be one of ${valid.join(', ')}` }],
      },
      400,
    );
  }
  const busy = service.saturated(tier);
  if (busy) {
    return jsonResponse(
      { error: 'The council is at capacity. Try again shortly.', retryAfterSeconds: busy.retryAfterSeconds },
      503,
      { 'retry-after': String(busy.retryAfterSeconds) },
    );
  }
  return null;
}
