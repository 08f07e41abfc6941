import { parseEnv } from '@/lib/config/env';
import { getCouncilService } from '@/lib/server/council-service';
import { jsonResponse } from '@/lib/http/json-response';
import { withService } from '@/lib/server/service-or-error';
import { getStore } from '@/lib/store/get-store';
import { checkStoreHealth } from '@/lib/store/store-health';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Liveness plus a config check: a broken config answers 500 naming the problem. Storage that is down makes the
 * status `degraded` (still 200: councils run, unsaved).
 */
export async function GET(): Promise<Response> {
  return withService(getCouncilService, async (service) => {
    const store = await checkStoreHealth(getStore, parseEnv().DATABASE_URL ? 'postgres' : 'sqlite');
    return jsonResponse({
      ok: true,
      status: store.ok ? 'ok' : 'degraded',
      store,
      simulated: service.simulated,
      defaultTier: service.defaultTier,
      tiers: service.tiers().length,
      uptimeSeconds: Math.round(process.uptime()),
    });
  });
}
