import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CouncilEvent } from '@/lib/council/events';
import { councilRequest, fastSimModel, readEvents, waitFor } from '../api/route-harness';
import { ctx, loadStoreRoutes, request } from './route-setup';

vi.mock('server-only', () => ({}));

const FAST_CONFIG = {
  models: [fastSimModel('sim-a'), fastSimModel('sim-b'), fastSimModel('sim-c')],
  tiers: [{ id: 'fast', label: 'Fast', council: ['sim-a', 'sim-b', 'sim-c'], chairman: 'sim-a', quorum: 1, straggler: { factor: 50, floorMs: 30_000 } }],
  defaultTier: 'fast',
  history: { maxTurns: 1 },
};

let routes: Awaited<ReturnType<typeof loadStoreRoutes>> | null = null;
afterEach(async () => {
  await routes?.cleanup();
  routes = null;
});

async function ask(body: object) {
  const response = await routes!.council.POST(councilRequest(body));
  expect(response.status).toBe(200);
  const { events, ended } = await readEvents(response);
  expect(ended).toBe(true);
  return { response, events, conversationId: response.headers.get('x-conversation-id') };
}

async function detail(id: string) {
  const response = await routes!.one.GET(request(`/api/conversations/${id}`), ctx(id));
  expect(response.status).toBe(200);
  return response.json();
}

describe('POST /api/council records the conversation', () => {
  it('creates a conversation titled after the first question and stores the run exactly as streamed', async () => {
    routes = await loadStoreRoutes(FAST_CONFIG);
    const { events, conversationId } = await ask({ question: '  What makes a council   fair?  ' });
    expect(conversationId).toBeTruthy();
    const stored = await detail(conversationId!);
    expect(stored.title).toBe('What makes a council fair?');
    expect(stored.runs).toHaveLength(1);
    expect(stored.runs[0].status).toBe('completed');
    expect(stored.runs[0].events).toEqual(events);
    const final = events.at(-1) as Extract<CouncilEvent, { type: 'run.completed' }>;
    expect(stored.messages.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
      ['user', 'What makes a council   fair?'],
      ['assistant', final.text],
    ]);
    expect((await routes.store.listLlmRequests(events[0].runId)).length).toBeGreaterThanOrEqual(7);
  });

  it('continues a conversation: the next run sees the bounded history and is stored with it', async () => {
    routes = await loadStoreRoutes(FAST_CONFIG);
    const first = await ask({ question: 'First question' });
    const second = await ask({ question: 'Second question', conversationId: first.conversationId });
    const startRun = vi.spyOn(routes.service(), 'startRun');
    const third = await ask({ question: 'Third question', conversationId: first.conversationId });
    expect(second.conversationId).toBe(first.conversationId);
    expect(third.conversationId).toBe(first.conversationId);
    const secondAnswer = (second.events.at(-1) as Extract<CouncilEvent, { type: 'run.completed' }>).text;
    // history.maxTurns is 1: only the latest answered exchange.
    expect(startRun.mock.calls[0][0].history).toEqual([{ question: 'Second question', answer: secondAnswer }]);
    expect((await detail(first.conversationId!)).runs.map((r: { question: string }) => r.question)).toEqual([
      'First question',
      'Second question',
      'Third question',
    ]);
  });

  it('keeps the id a browser chose for a new conversation', async () => {
    routes = await loadStoreRoutes(FAST_CONFIG);
    const { conversationId } = await ask({ question: 'Hello', conversationId: '33333333-3333-4333-8333-333333333333' });
    expect(conversationId).toBe('33333333-3333-4333-8333-333333333333');
    expect((await detail('33333333-3333-4333-8333-333333333333')).runs).toHaveLength(1);
  });

  it('records a run the client walks away from, and nobody comes back to, as cancelled (detached)', async () => {
    routes = await loadStoreRoutes({
      ...FAST_CONFIG,
      models: [fastSimModel('sim-a'), fastSimModel('sim-b'), { id: 'sim-c', provider: 'simulated', model: 'sim-swift', simulation: { failure: 'hang' } }],
    });
    vi.stubEnv('QUORUM_DETACH_GRACE_MS', '100');
    const controller = new AbortController();
    const response = await routes.council.POST(councilRequest({ question: 'Will you finish?' }, controller.signal));
    const conversationId = response.headers.get('x-conversation-id')!;
    const { events, reader } = await readEvents(response, (seen) => seen.some((e) => e.type === 'member.completed'));
    controller.abort();
    await reader.cancel().catch(() => undefined);
    const runId = events[0].runId;
    let status: string | undefined;
    await waitFor(() => {
      void routes!.store.getRun(runId).then((run) => (status = run?.status));
      return status === 'cancelled';
    });
    const stored = await detail(conversationId);
    expect(stored.runs[0].events.slice(0, events.length)).toEqual(events);
    expect(stored.runs[0].events.at(-1)).toMatchObject({ type: 'run.cancelled', reason: 'detached' });
  });

  it('still answers when storage cannot be opened, without a conversation id', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    routes = await loadStoreRoutes(FAST_CONFIG, { brokenStorage: true });
    const { events, response } = await ask({ question: 'Does it work without a disk?' });
    expect(events.at(-1)?.type).toBe('run.completed');
    expect(response.headers.get('x-conversation-id')).toBeNull();
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining('Store unavailable'), expect.anything());
  });
});
