import { withIdentity } from '@/lib/access/request-identity';
import { getCouncilService } from '@/lib/server/council-service';
import { jsonResponse } from '@/lib/http/json-response';
import { withService } from '@/lib/server/service-or-error';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The tiers, their members and chairman, whether they run simulated or wait for a key, and start-up warnings. Never a key. */
export async function GET(request: Request): Promise<Response> {
  return withIdentity(request, async () =>
    withService(getCouncilService, (service) =>
      jsonResponse({ defaultTier: service.defaultTier, simulated: service.simulated, tiers: service.tiers(), warnings: service.warnings }),
    ),
  );
}
