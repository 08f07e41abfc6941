import { getCouncilService } from '@/lib/server/council-service';
import { refuseRun } from '@/lib/server/refuse-run';
import { parseCouncilRequest } from '@/lib/server/council-request';
import { withService } from '@/lib/server/service-or-error';
import { sseResponse } from '@/lib/sse/sse-response';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Starts a council run and streams its events (DESIGN.md §4); the client going away cancels it. */
export async function POST(request: Request): Promise<Response> {
  const parsed = await parseCouncilRequest(request);
  if (!parsed.ok) return parsed.response;
  return withService(getCouncilService, (service) => {
    const tier = parsed.body.tier ?? service.defaultTier;
    const refusal = refuseRun(service, tier);
    if (refusal) return refusal;
    const run = service.startRun({ question: parsed.body.question, tier, signal: request.signal });
    return sseResponse(run.events, { signal: request.signal, headers: { 'x-run-id': run.runId } });
  });
}
