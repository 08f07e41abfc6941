import { withIdentity } from '@/lib/access/request-identity';
import { getPipelineLimits } from '@/lib/limits/get-pipeline-limits';
import { usageResponse } from '@/lib/limits/usage-response';
import { getCouncilService } from '@/lib/server/council-service';
import { withService } from '@/lib/server/service-or-error';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * The caller's limits and what is left of them today, this month and in flight (DESIGN.md §5); personal mode
 * is `{ limited: false }`. While the limits store (Redis) is unreachable: 503 `limits_unavailable`.
 */
export async function GET(request: Request): Promise<Response> {
  return withIdentity(request, async (identity) =>
    withService(getCouncilService, (service) => usageResponse(getPipelineLimits(service.config).admission, identity)),
  );
}
