import { getCouncilService } from '@/lib/server/council-service';
import { jsonResponse } from '@/lib/http/json-response';
import { healthReport } from '@/lib/server/health-report';
import { withService } from '@/lib/server/service-or-error';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Health for load balancers and people (DESIGN.md §7): 200 while serving (`ok`, or `degraded` when the store
 * or Redis is unreachable), 503 `draining` after SIGTERM so that no new traffic comes here. A broken config
 * answers 500 naming the problem. Public: it names no key, URL or secret.
 */
export async function GET(): Promise<Response> {
  return withService(getCouncilService, async (service) => {
    const report = await healthReport(service);
    return jsonResponse(report, report.status === 'draining' ? 503 : 200);
  });
}
