import type { Identity } from '@/lib/access/identity';
import { withIdentity } from '@/lib/access/request-identity';
import { parseEnv } from '@/lib/config/env';
import { RunCancellation } from '@/lib/council/run-cancellation';
import { getPipelineLimits } from '@/lib/limits/get-pipeline-limits';
import { startCouncilRun } from '@/lib/server/council-pipeline';
import { parseCouncilRequest } from '@/lib/server/council-request';
import { getRunHubs } from '@/lib/runs/get-run-hubs';
import { getCouncilService } from '@/lib/server/council-service';
import { getLiveRuns } from '@/lib/server/live-runs';
import { refusalResponse } from '@/lib/server/refusal';
import { withService } from '@/lib/server/service-or-error';
import { sseResponse } from '@/lib/sse/sse-response';
import { getStore } from '@/lib/store/get-store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Starts a council run and streams its events (DESIGN.md §4). The run is detachable (§7): the client going away
 * only detaches it; it goes on for the detach grace and can be followed again at /api/runs/:id/events.
 */
export async function POST(request: Request): Promise<Response> {
  return withIdentity(request, (identity) => startCouncil(request, identity));
}

async function startCouncil(request: Request, identity: Identity): Promise<Response> {
  const parsed = await parseCouncilRequest(request);
  if (!parsed.ok) return parsed.response;
  return withService(getCouncilService, async (service) => {
    const started = await startCouncilRun(
      { identity, source: 'web', ...parsed.body, signal: request.signal, detachable: true },
      { service, openStore: getStore, liveRuns: getLiveRuns(), runHubs: getRunHubs(), ...getPipelineLimits(service.config) },
    );
    if (!started.ok) return refusalResponse(started.refusal);
    const { run } = started;
    const headers: Record<string, string> = { 'x-run-id': run.runId };
    if (run.conversationId) headers['x-conversation-id'] = run.conversationId;
    return sseResponse(run.events, {
      signal: request.signal,
      headers,
      stallTimeoutMs: parseEnv().QUORUM_CLIENT_STALL_MS,
      onStalled: () => run.cancel(new RunCancellation('client_stalled')),
    });
  });
}
