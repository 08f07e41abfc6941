import 'server-only';
import type { Identity } from '@/lib/access/identity';
import { RunCancellation } from '@/lib/council/run-cancellation';
import { jsonResponse } from '@/lib/http/json-response';
import type { LiveRuns } from '@/lib/server/live-runs';
import type { Store } from '@/lib/store/store';
import { mayCancelRun, storedRunOwner } from './run-access';
import type { RunFanout } from './run-fanout';
import { parseRunId } from './run-route-input';

export interface RunCancelDeps {
  identity: Identity;
  liveRuns: LiveRuns;
  fanout: RunFanout;
  openStore: () => Promise<Store>;
}

/**
 * POST /api/runs/:id/cancel (DESIGN.md §7): cancels at once, from any instance. The instance that executes the
 * run aborts it (every upstream call closed, `run.cancelled` recorded and sent to its followers); another
 * instance relays the cancel through the fan-out. 202 when a cancel was sent, 200 with the status when the run
 * had already ended (pressing Stop late is not an error), 404 for a run that is not the caller's.
 */
export async function runCancelResponse(id: string, deps: RunCancelDeps): Promise<Response> {
  const parsedId = parseRunId(id);
  if (!parsedId.ok) return parsedId.response;
  const { runId } = parsedId;

  const live = deps.liveRuns.get(runId);
  if (live) {
    if (!mayCancelRun(deps.identity, live.ownerKeyId)) return jsonResponse({ error: 'No such run.' }, 404);
    live.cancel(new RunCancellation('cancelled'));
    return jsonResponse({ runId, status: 'cancelling' }, 202);
  }
  try {
    const store = await deps.openStore();
    const run = await store.getRun(runId);
    if (!run || !mayCancelRun(deps.identity, storedRunOwner(run))) return jsonResponse({ error: 'No such run.' }, 404);
    if (run.status !== 'running') return jsonResponse({ runId, status: run.status }, 200);
    await deps.fanout.relayCancel(runId, 'cancelled');
    return jsonResponse({ runId, status: 'cancelling' }, 202);
  } catch (error) {
    console.error(`Cancelling run ${runId} failed:`, error instanceof Error ? error.message : error);
    return jsonResponse({ error: 'The run could not be cancelled right now; try again.' }, 503, { 'retry-after': '1' });
  }
}
