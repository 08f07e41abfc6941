import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CouncilEvent } from '@/lib/council/events';
import { councilRequest, readEvents, waitFor } from '../api/route-harness';
import { ctx, loadStoreRoutes } from '../store/route-setup';

vi.mock('server-only', () => ({}));

/** Members slow enough that a run lasts a second or two: time to drop and come back mid-stage. */
const paced = (id: string) => ({ id, provider: 'simulated', model: 'sim-swift', simulation: { firstTokenMs: 20, tokensPerSecond: 400 } });
const CONFIG = {
  models: [paced('sim-a'), paced('sim-b'), paced('sim-c')],
  tiers: [{ id: 'paced', label: 'Paced', council: ['sim-a', 'sim-b', 'sim-c'], chairman: 'sim-a', quorum: 1, straggler: { factor: 50, floorMs: 30_000 } }],
  defaultTier: 'paced',
};
const UNKNOWN = '6f1c2a3b-0000-4000-8000-000000000000';

let routes: Awaited<ReturnType<typeof load>> | null = null;
afterEach(async () => {
  await routes?.cleanup();
  routes = null;
});

async function load(grace = '5000') {
  const loaded = await loadStoreRoutes(CONFIG);
  vi.stubEnv('QUORUM_DETACH_GRACE_MS', grace);
  const [events, cancel] = await Promise.all([import('@/app/api/runs/[id]/events/route'), import('@/app/api/runs/[id]/cancel/route')]);
  return { ...loaded, events, cancel };
}

function follow(runId: string, init: { after?: string; lastEventId?: string } = {}) {
  const url = new URL(`http://127.0.0.1/api/runs/${runId}/events`);
  if (init.after !== undefined) url.searchParams.set('after', init.after);
  const headers: Record<string, string> = init.lastEventId !== undefined ? { 'last-event-id': init.lastEventId } : {};
  return routes!.events.GET(new Request(url, { headers }), ctx(runId));
}

function cancel(runId: string) {
  return routes!.cancel.POST(new Request(`http://127.0.0.1/api/runs/${runId}/cancel`, { method: 'POST' }), ctx(runId));
}

const isTerminal = (events: CouncilEvent[]) => events.some((e) => ['run.completed', 'run.failed', 'run.cancelled'].includes(e.type));

async function startAndDrop(until: (events: CouncilEvent[]) => boolean) {
  const response = await routes!.council.POST(councilRequest({ question: 'Why is the sky blue?' }));
  expect(response.status).toBe(200);
  const { events, reader } = await readEvents(response, until);
  await reader.cancel();
  return { runId: response.headers.get('x-run-id')!, before: events };
}

describe('GET /api/runs/:id/events and POST /api/runs/:id/cancel: bad input', () => {
  it.each([['not-a-uuid'], ['../../etc'], [`${UNKNOWN}x`]])('answers 400 for the malformed run id %s', async (id) => {
    routes = await load();
    expect((await follow(id)).status).toBe(400);
    expect((await cancel(id)).status).toBe(400);
  });

  it.each([[{ after: 'abc' }], [{ after: '-1' }], [{ lastEventId: '1.5' }], [{ lastEventId: '9'.repeat(30) }]])(
    'answers 400 { error, issues } for a malformed resume position %j',
    async (init) => {
      routes = await load();
      const response = await follow(UNKNOWN, init);
      expect(response.status).toBe(400);
      expect((await response.json()).issues.length).toBeGreaterThan(0);
    },
  );

  it('answers 404 for a run that does not exist', async () => {
    routes = await load();
    expect((await follow(UNKNOWN)).status).toBe(404);
    expect((await cancel(UNKNOWN)).status).toBe(404);
  });
});

describe('resuming a browser run', () => {
  it('goes on after the connection drops, and a follower resumes after Last-Event-ID with no gap or duplicate', async () => {
    routes = await load();
    const { runId, before } = await startAndDrop((events) => events.some((e) => e.type === 'member.delta'));
    const lastSeq = before.at(-1)!.seq;
    const response = await follow(runId, { lastEventId: String(lastSeq) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const { events: after, ended } = await readEvents(response, () => false, 20_000);
    expect(ended).toBe(true);
    const all = [...before, ...after];
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    const last = all.at(-1)!;
    expect(last.type).toBe('run.completed');
    const stored = await routes.store.getRun(runId);
    expect(stored?.status).toBe('completed');
    expect(last.type === 'run.completed' && last.text).toBe(stored?.finalText);
    expect(await routes.store.listEvents(runId)).toEqual(all);
  });

  it('replays a finished run to its terminal event and closes, from ?after=', async () => {
    routes = await load();
    const response = await routes.council.POST(councilRequest({ question: 'Short?' }));
    const { events } = await readEvents(response, isTerminal, 20_000);
    const runId = events[0].runId;
    const again = await follow(runId, { after: '3' });
    const replay = await readEvents(again, () => false, 10_000);
    expect(replay.ended).toBe(true);
    expect(replay.events).toEqual(events.slice(3));
  });

  it('cancels the run when nobody comes back within the grace (reason detached)', async () => {
    routes = await load('150');
    const { runId } = await startAndDrop((events) => events.some((e) => e.type === 'member.delta'));
    let status: string | undefined;
    await waitFor(() => {
      void routes!.store.getRun(runId).then((run) => (status = run?.status));
      return status === 'cancelled';
    }, 10_000);
    const events = await routes.store.listEvents(runId);
    expect(events.at(-1)).toMatchObject({ type: 'run.cancelled', reason: 'detached' });
  });

  it('cancels at once on POST /cancel: followers get run.cancelled from the server, and a late Stop is not an error', async () => {
    routes = await load();
    const response = await routes.council.POST(councilRequest({ question: 'Stop me' }));
    const runId = response.headers.get('x-run-id')!;
    const reading = readEvents(response, isTerminal, 20_000);
    const cancelled = await cancel(runId);
    expect(cancelled.status).toBe(202);
    const { events } = await reading;
    expect(events.at(-1)).toMatchObject({ type: 'run.cancelled', reason: 'cancelled' });
    let status: string | undefined;
    await waitFor(() => {
      void routes!.store.getRun(runId).then((run) => (status = run?.status));
      return status === 'cancelled';
    });
    const late = await cancel(runId);
    expect(late.status).toBe(200);
    expect(await late.json()).toEqual({ runId, status: 'cancelled' });
  });
});
