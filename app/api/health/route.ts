import { getCouncilService } from '@/lib/server/council-service';
import { jsonResponse } from '@/lib/http/json-response';
import { withService } from '@/lib/server/service-or-error';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Liveness plus a config check: a broken config answers 500 naming the problem. */
export async function GET(): Promise<Response> {
  return withService(getCouncilService, (service) =>
    jsonResponse({
      ok: true,
      simulated: service.simulated,
      defaultTier: service.defaultTier,
      tiers: service.tiers().length,
      uptimeSeconds: Math.round(process.uptime()),
    }),
  );
}
