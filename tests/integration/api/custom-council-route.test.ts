import { afterEach, describe, expect, it, vi } from 'vitest';
import { councilRequest, fastSimModel, loadRoutes, readEvents } from './route-harness';

vi.mock('server-only', () => ({}));

let cleanup: () => Promise<void> = async () => undefined;
afterEach(() => cleanup());

const priced = (id: string, inputPerMTok: number, outputPerMTok: number) => ({ ...fastSimModel(id), pricing: { inputPerMTok, outputPerMTok } });

const CONFIG = {
  models: [priced('sim-a', 1, 2), priced('sim-b', 3, 4), fastSimModel('sim-c'), fastSimModel('sim-d')],
  tiers: [{ id: 'fast', council: ['sim-a', 'sim-b', 'sim-c'], chairman: 'sim-a', quorum: 1, straggler: { factor: 50, floorMs: 30_000 } }],
  defaultTier: 'fast',
  retry: { maxAttempts: 2, baseMs: 10, factor: 2, capMs: 50 },
};

async function routes(config: object | null = CONFIG, env?: Record<string, string>) {
  const loaded = await loadRoutes(config ?? undefined, env);
  cleanup = loaded.cleanup;
  const models = await import('@/app/api/models/route');
  return { ...loaded, models };
}

async function refused(body: object, config?: object, env?: Record<string, string>) {
  const { council } = await routes(config, env);
  const response = await council.POST(councilRequest({ question: 'hi', ...body }));
  return { status: response.status, json: (await response.json()) as { error: string; code?: string; issues: { path: string }[] } };
}

describe('GET /api/models', () => {
  it('lists the runnable models with their prices, and the attempts per call', async () => {
    const { models } = await routes();
    const json = await (await models.GET(new Request('http://localhost/api/models'))).json();
    const byId = new Map(json.models.map((m: { id: string }) => [m.id, m]));
    expect(byId.get('sim-a')).toEqual({ id: 'sim-a', label: 'sim-a', provider: 'simulated', pricing: { inputPerMTok: 1, outputPerMTok: 2 } });
    expect(byId.get('sim-c')).toMatchObject({ pricing: { inputPerMTok: 0, outputPerMTok: 0 } });
    expect(json.maxAttempts).toBe(2);
  });

  it('offers only the simulated models with no key at all, never a real model name running simulated', async () => {
    const { models, council } = await routes(null);
    const ids = ((await (await models.GET(new Request('http://localhost/api/models'))).json()) as { models: { id: string }[] }).models.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['sim-swift', 'sim-sage']));
    expect(ids).not.toContain('gpt-5-mini');
    const response = await council.POST(councilRequest({ question: 'hi', council: ['sim-swift', 'gpt-5-mini'] }));
    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe('model_unavailable');
  });

  it('leaves out models whose provider has no key, and never shows a key', async () => {
    const config = { ...CONFIG, models: [...CONFIG.models, { id: 'remote', provider: 'anthropic', model: 'x-remote' }] };
    const { models } = await routes(config, { OPENROUTER_API_KEY: 'test-openrouter-key-not-real' });
    const text = await (await models.GET(new Request('http://localhost/api/models'))).text();
    const ids = (JSON.parse(text) as { models: { id: string }[] }).models.map((m) => m.id);
    expect(ids).toContain('sim-a');
    expect(ids).not.toContain('remote');
    expect(text).not.toContain('test-openrouter-key-not-real');
  });
});

describe('POST /api/council: a council of the caller’s choosing, refused', () => {
  it.each([
    ['a council of one', { council: ['sim-a'] }, 'council_too_small', /at least two/],
    ['a council naming a model twice', { council: ['sim-a', 'sim-b', 'sim-a'] }, 'duplicate_member', /"sim-a"/],
    ['fallbacks naming a model twice', { fallbackChairmen: ['sim-b', 'sim-b'] }, 'duplicate_member', /"sim-b"/],
    ['a chairman among its own fallbacks', { chairman: 'sim-a', fallbackChairmen: ['sim-a'] }, 'duplicate_member', /"sim-a"/],
    ['unknown members', { council: ['sim-a', 'ghost', 'phantom'] }, 'unknown_model', /"ghost", "phantom"/],
    ['an unknown chairman', { council: ['sim-a', 'sim-b'], chairman: 'ghost' }, 'unknown_model', /"ghost"/],
    ['an unknown fallback chairman', { fallbackChairmen: ['ghost'] }, 'unknown_model', /"ghost"/],
  ])('answers 400 for %s, naming what is wrong', async (_name, body, code, message) => {
    const { status, json } = await refused(body);
    expect(status).toBe(400);
    expect(json.code).toBe(code);
    expect(json.error).toMatch(message);
    expect(json.issues.length).toBeGreaterThan(0);
  });

  it.each([
    ['a council that is not a list', { council: 'sim-a,sim-b' }],
    ['a member that is not a string', { council: ['sim-a', 7] }],
    ['an empty member id', { council: ['sim-a', ' '] }],
    ['more than 12 members', { council: Array.from({ length: 13 }, (_v, i) => `m${i}`) }],
    ['an unknown mode', { mode: 'quick' }],
    ['a chairman that is not a string', { chairman: ['sim-a'] }],
  ])('answers 400 { error, issues } for %s', async (_name, body) => {
    const { status, json } = await refused(body);
    expect(status).toBe(400);
    expect(json.issues.length).toBeGreaterThan(0);
  });

  it('answers 400 for a model whose provider has no key', async () => {
    const config = { ...CONFIG, models: [...CONFIG.models, { id: 'remote', provider: 'anthropic', model: 'x-remote' }] };
    const { status, json } = await refused({ council: ['sim-a', 'remote'] }, config, { OPENROUTER_API_KEY: 'test-openrouter-key-not-real' });
    expect(status).toBe(400);
    expect(json.code).toBe('model_unavailable');
    expect(json.error).toContain('"remote"');
  });
});

describe('POST /api/council: a council of the caller’s choosing, run', () => {
  it('runs the chosen members and chairman on the tier’s policy', async () => {
    const { council } = await routes();
    const response = await council.POST(
      councilRequest({ question: 'hi', council: ['sim-c', 'sim-d'], chairman: 'sim-b', fallbackChairmen: ['sim-a'] }),
    );
    expect(response.status).toBe(200);
    const { events } = await readEvents(response);
    expect(events[0]).toMatchObject({
      type: 'run.started',
      tier: 'fast',
      members: ['sim-c', 'sim-d'],
      chairman: 'sim-b',
      fallbackChairmen: ['sim-a'],
      mode: 'full',
      policy: { quorum: 1 },
    });
    const called = new Set(events.flatMap((e) => (e.type === 'member.started' ? [e.model] : [])));
    expect([...called].sort()).toEqual(['sim-b', 'sim-c', 'sim-d']);
    expect(events.at(-1)).toMatchObject({ type: 'run.completed', chairman: 'sim-b' });
  });

  it('chairs a chosen council with its first member when no chairman is named', async () => {
    const { council } = await routes();
    const { events } = await readEvents(await council.POST(councilRequest({ question: 'hi', council: ['sim-d', 'sim-c'] })));
    expect(events[0]).toMatchObject({ type: 'run.started', chairman: 'sim-d', fallbackChairmen: [] });
  });

  it.each([
    ['answers', [1]],
    ['ranked', [1, 2]],
    ['full', [1, 2, 3]],
  ] as const)('mode %s runs stages %j', async (mode, stages) => {
    const { council } = await routes();
    const { events } = await readEvents(await council.POST(councilRequest({ question: 'hi', mode })));
    expect(events[0]).toMatchObject({ type: 'run.started', mode });
    expect(events.flatMap((e) => (e.type === 'stage.started' ? [e.stage] : []))).toEqual(stages);
    expect(events.at(-1)!.type).toBe('run.completed');
  });
});
