import { withIdentity } from '@/lib/access/request-identity';
import { jsonResponse } from '@/lib/http/json-response';
import { getCouncilService } from '@/lib/server/council-service';
import { modelsFor } from '@/lib/server/models-for';
import { withService } from '@/lib/server/service-or-error';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * The models this caller may put on a council, with their prices (DESIGN.md §4), and the attempts per call the
 * server allows (`maxAttempts`), so that the browser computes the same worst case as the budget. Never a key.
 */
export async function GET(request: Request): Promise<Response> {
  return withIdentity(request, async (identity) =>
    withService(getCouncilService, (service) =>
      jsonResponse({
        models: modelsFor(service, identity).map(({ id, label, provider, pricing }) => ({ id, label, provider, pricing })),
        maxAttempts: service.maxAttempts,
      }),
    ),
  );
}
