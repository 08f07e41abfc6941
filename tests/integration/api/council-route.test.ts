import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CouncilEvent } from '@/lib/council/events';
import { councilRequest, fastSimModel, loadRoutes, readEvents, waitFor } from './route-harness';

vi.mock('server-only', () => ({}));

let cleanup: () => Promise<void> = async () => undefined;
afterEach(() => cleanup());

async function routes(config?: object, env?: Record<string, string>) {
  const loaded = await loadRoutes(config, env);
  cleanup = loaded.cleanup;
  return loaded;
}

const FAST_CONFIG = {
  models: [fastSimModel('sim-a'), fastSimModel('sim-b'), fastSimModel('sim-c')],
  tiers: [
    {
      id: 'fast',
      label: 'Fast',
      council: ['sim-a', 'sim-b', 'sim-c'],
      chairman: 'sim-a',
      // Every ranking before stage 3, so that the event order is fixed.
      quorum: 1,
      straggler: { factor: 50, floorMs: 30_000 },
    },
  ],
  defaultTier: 'fast',
};

describe('POST /api/council: refused requests', () => {
  it.each([
    ['a body that is not JSON', '{"question": '],
    ['a missing question', {}],
    ['a question of spaces', { question: '   \n ' }],
    ['a question over 20,000 characters', { question: 'x'.repeat(20_001) }],
    ['a question that is not a string', { question: 42 }],
    ['a tier that is not a string', { question: 'hi', tier: 7 }],
  ])('answers 400 with { error, issues } for %s', async (_name, body) => {
    const { council } = await routes();
    const response = await council.POST(councilRequest(body));
    expect(response.status).toBe(400);
    const json = await response.json();
    expect(typeof json.error).toBe('string');
    expect(json.issues.length).toBeGreaterThan(0);
  });

  it('accepts a question of exactly 20,000 characters once trimmed', async () => {
    const { council } = await routes(FAST_CONFIG);
    const controller = new AbortController();
    const response = await council.POST(councilRequest({ question: ` ${'x'.repeat(20_000)} ` }, controller.signal));
    expect(response.status).toBe(200);
    controller.abort();
  });

  it('answers 400 naming the valid tiers for an unknown tier', async () => {
    const { council } = await routes();
    const response = await council.POST(councilRequest({ question: 'hi', tier: 'turbo' }));
    expect(response.status).toBe(400);
    const json = await response.json();
    expect(json.error).toContain('"turbo"');
    expect(json.error).toContain('speed, balanced, cost');
    expect(json.issues[0].path).toBe('tier');
  });

  it('answers 500 naming the field when the config is broken', async () => {
    const { council } = await routes({ tiers: [{ id: 't', council: ['ghost'], chairman: 'ghost' }] });
    const response = await council.POST(councilRequest({ question: 'hi' }));
    expect(response.status).toBe(500);
    const json = await response.json();
    expect(json.problems).toContain('tiers[0].council[0]: unknown model "ghost"');
  });
});

describe('POST /api/council: a run on the simulated provider', () => {
  it('streams every event type in order, with seq 1..n and one terminal event', async () => {
    const { council } = await routes(FAST_CONFIG);
    const response = await council.POST(councilRequest({ question: 'What is a quorum?' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    const { events, ended } = await readEvents(response);
    expect(ended).toBe(true);

    expect(events.map((e) => e.seq)).toEqual(events.map((_e, i) => i + 1));
    expect(new Set(events.map((e) => e.runId)).size).toBe(1);
    expect(events[0].type).toBe('run.started');
    expect(events.at(-1)!.type).toBe('run.completed');
    expect(events.filter((e) => ['run.completed', 'run.failed', 'run.cancelled'].includes(e.type))).toHaveLength(1);

    const at = (predicate: (e: CouncilEvent) => boolean) => events.findIndex(predicate);
    const stageStart = (s: number) => at((e) => e.type === 'stage.started' && e.stage === s);
    const stageEnd = (s: number) => at((e) => e.type === 'stage.completed' && e.stage === s);
    expect(stageStart(1)).toBeGreaterThan(0);
    expect(stageEnd(1)).toBeGreaterThan(stageStart(1));
    expect(stageStart(2)).toBeGreaterThan(stageEnd(1));
    expect(stageEnd(2)).toBeGreaterThan(stageStart(2));
    expect(stageStart(3)).toBeGreaterThan(stageEnd(2));

    for (const model of ['sim-a', 'sim-b', 'sim-c']) {
      const started = at((e) => e.type === 'member.started' && e.stage === 1 && e.model === model);
      const delta = at((e) => e.type === 'member.delta' && e.stage === 1 && e.model === model);
      const completed = at((e) => e.type === 'member.completed' && e.stage === 1 && e.model === model);
      expect(started).toBeGreaterThan(stageStart(1));
      expect(delta).toBeGreaterThan(started);
      expect(completed).toBeGreaterThan(delta);
      expect(completed).toBeLessThan(stageEnd(1));
      const parsed = at((e) => e.type === 'ranking.parsed' && e.judge === model);
      expect(parsed).toBeGreaterThan(stageStart(2));
      expect(parsed).toBeLessThan(stageEnd(2));
    }
    const aggregate = at((e) => e.type === 'ranking.aggregate');
    expect(aggregate).toBeGreaterThan(stageStart(2));
    expect(aggregate).toBeLessThan(stageStart(3));
    const chairmanDone = at((e) => e.type === 'member.completed' && e.stage === 3 && e.model === 'sim-a');
    expect(chairmanDone).toBeGreaterThan(stageStart(3));

    const final = events.at(-1)!;
    if (final.type !== 'run.completed') throw new Error('expected run.completed');
    expect(final.text.length).toBeGreaterThan(0);
    expect(final.chairman).toBe('sim-a');
  });

  it('cancels the run (detached) and frees the upstream call when the client goes away and the grace ends', async () => {
    const hanging = {
      providers: [{ id: 'slow', kind: 'simulated', maxConcurrent: 1, maxQueue: 0 }],
      models: [
        { id: 'hang-1', provider: 'slow', model: 'sim-swift', simulation: { failure: 'hang' } },
        { id: 'quick', provider: 'simulated', model: 'sim-swift', simulation: { firstTokenMs: 1 } },
      ],
      tiers: [{ id: 'stuck', council: ['hang-1', 'quick'], chairman: 'quick', firstTokenTimeoutMs: 120_000 }],
      defaultTier: 'stuck',
    };
    const { council, service } = await routes(hanging, { QUORUM_DETACH_GRACE_MS: '200' });
    const controller = new AbortController();
    const first = await council.POST(councilRequest({ question: 'q' }, controller.signal));
    expect(first.status).toBe(200);
    const read = readEvents(first, () => false, 20_000);
    const councilService = service.getCouncilService();
    await waitFor(() => councilService.saturated('stuck') !== null);

    // The hanging call holds the provider's only slot and the queue is 0: a second run is refused.
    const second = await council.POST(councilRequest({ question: 'q', tier: 'stuck' }));
    expect(second.status).toBe(503);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await second.json()).error).toMatch(/capacity/);

    controller.abort();
    // The slot comes free only when the hanging upstream call has really been aborted.
    await waitFor(() => councilService.saturated('stuck') === null, 5_000);
    const { ended } = await read;
    expect(ended).toBe(true);
  });
});
