import 'server-only';
import type { Identity } from '@/lib/access/identity';
import { systemClock, type Clock } from '@/lib/council/clock';
import type { CouncilEvent } from '@/lib/council/events';
import { jsonResponse } from '@/lib/http/json-response';
import { sseResponse } from '@/lib/sse/sse-response';
import type { Store } from '@/lib/store/store';
import { followStoredRun } from './follow-stored-run';
import { mayAccessRun, storedRunOwner } from './run-access';
import type { RunHubs } from './run-hubs';
import { parseAfterSeq, parseRunId } from './run-route-input';

export interface RunEventsDeps {
  identity: Identity;
  hubs: RunHubs;
  openStore: () => Promise<Store>;
  clock?: Clock;
}

const NOT_FOUND = { error: 'No such run.' };

/**
 * GET /api/runs/:id/events (DESIGN.md §7): the run's events after `Last-Event-ID` / `?after=`, then live ones
 * up to the terminal event. A run this instance executes is followed from its hub (memory, no seam); any other
 * from the store plus the fan-out; a finished run replays to its terminal event and the stream closes.
 */
export async function runEventsResponse(request: Request, id: string, deps: RunEventsDeps): Promise<Response> {
  const parsedId = parseRunId(id);
  if (!parsedId.ok) return parsedId.response;
  const after = parseAfterSeq(request);
  if (!after.ok) return after.response;
  const { runId } = parsedId;
  const { afterSeq } = after;
  const headers = { 'x-run-id': runId };

  const local = deps.hubs.get(runId);
  if (local) {
    if (!mayAccessRun(deps.identity, local.ownerKeyId)) return jsonResponse(NOT_FOUND, 404);
    return sseResponse(local.hub.follow(afterSeq), { signal: request.signal, headers });
  }

  let store: Store;
  try {
    store = await deps.openStore();
    const run = await store.getRun(runId);
    if (!run || !mayAccessRun(deps.identity, storedRunOwner(run))) return jsonResponse(NOT_FOUND, 404);
    if (run.status !== 'running') {
      const events = (await store.listEvents(runId)).filter((event) => event.seq > afterSeq);
      return sseResponse(fromArray(events), { signal: request.signal, headers });
    }
    const events = await followStoredRun({
      runId,
      afterSeq,
      fanout: deps.hubs.fanout,
      clock: deps.clock ?? systemClock,
      source: {
        events: (wanted) => store.listEvents(wanted),
        status: async (wanted) => (await store.getRun(wanted))?.status ?? null,
      },
    });
    return sseResponse(events, { signal: request.signal, headers });
  } catch (error) {
    console.error(`Following run ${runId} failed:`, error instanceof Error ? error.message : error);
    return jsonResponse({ error: 'The run history is unavailable right now.' }, 503, { 'retry-after': '2' });
  }
}

async function* fromArray(events: CouncilEvent[]): AsyncGenerator<CouncilEvent, void, undefined> {
  yield* events;
}
