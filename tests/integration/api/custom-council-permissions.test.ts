import { describe, expect, it, vi } from 'vitest';
import type { Identity } from '@/lib/access/identity';
import { loadConfig } from '@/lib/config/load-config';
import { startCouncilRun } from '@/lib/server/council-pipeline';
import { createCouncilService } from '@/lib/server/create-council-service';
import { modelsFor } from '@/lib/server/models-for';
import { fastSimModel } from './route-harness';

vi.mock('server-only', () => ({}));

const CONFIG = {
  models: ['sim-a', 'sim-b', 'sim-c', 'sim-d', 'sim-e'].map((id) => fastSimModel(id)),
  tiers: [
    { id: 'small', council: ['sim-a', 'sim-b'], chairman: 'sim-a', fallbackChairmen: ['sim-c'] },
    { id: 'other', council: ['sim-d', 'sim-e'], chairman: 'sim-d' },
  ],
  defaultTier: 'small',
};

function service() {
  const config = loadConfig({ env: { QUORUM_CONFIG: 'q.json' }, readFile: () => JSON.stringify(CONFIG) });
  return createCouncilService(config, { env: {} });
}

const keyFor = (tiers: string[] | null): Identity => ({
  kind: 'key',
  keyId: 'k1',
  name: 'someone',
  admin: false,
  limits: {},
  tiers,
  via: 'bearer',
});

describe('the models a caller may put on a council', () => {
  it('are the models of its tiers for a key limited to some tiers', () => {
    expect(modelsFor(service(), keyFor(['small'])).map((m) => m.id).sort()).toEqual(['sim-a', 'sim-b', 'sim-c']);
  });

  it('are every runnable model for a key with every tier, and in personal mode', () => {
    const all = modelsFor(service(), { kind: 'personal' }).map((m) => m.id);
    expect(all).toEqual(expect.arrayContaining(['sim-a', 'sim-b', 'sim-c', 'sim-d', 'sim-e']));
    expect(modelsFor(service(), keyFor(null)).map((m) => m.id)).toEqual(all);
  });
});

describe('startCouncilRun with a chosen council', () => {
  const start = (identity: Identity, body: object) =>
    startCouncilRun(
      { identity, source: 'api', question: 'hi', signal: new AbortController().signal, ...body },
      { service: service(), openStore: () => Promise.reject(new Error('no store in this test')) },
    );

  it('refuses 403, naming them, models outside the key’s tiers', async () => {
    const result = await start(keyFor(['small']), { council: ['sim-a', 'sim-d', 'sim-e'] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.refusal).toMatchObject({ status: 403, code: 'model_forbidden' });
    expect(result.refusal.message).toContain('"sim-d", "sim-e"');
    expect(result.refusal.message).not.toContain('"sim-a"');
  });

  it('refuses a forbidden chairman too', async () => {
    const result = await start(keyFor(['small']), { chairman: 'sim-e' });
    expect(!result.ok && result.refusal.status).toBe(403);
  });

  it('reserves the worst case of the council the run will use, in its mode', async () => {
    const seen: unknown[] = [];
    const result = await startCouncilRun(
      { identity: keyFor(['small']), source: 'api', question: 'hi', signal: new AbortController().signal, council: ['sim-b', 'sim-c'], mode: 'ranked' },
      {
        service: service(),
        openStore: () => Promise.reject(new Error('store down')),
        worstCaseUsd: (_tier, _q, _h, council, mode) => {
          seen.push({ council, mode });
          return 0;
        },
        admission: { admit: async () => ({ ok: false, refusal: { status: 429, code: 'budget_exhausted', message: 'no' } }) },
      },
    );
    expect(result.ok).toBe(false);
    expect(seen).toEqual([{ council: { members: ['sim-b', 'sim-c'], chairman: 'sim-b', fallbackChairmen: [] }, mode: 'ranked' }]);
  });
});

describe('the worst case shown before sending', () => {
  it('is the figure the budget reserves, for a tier and for a pick in every mode', async () => {
    const { runWorstCase } = await import('@/lib/server/run-worst-case');
    const { worstCaseOf } = await import('@/lib/client/council-pick');
    const priced = { ...CONFIG, models: CONFIG.models.map((m, i) => ({ ...m, pricing: { inputPerMTok: i + 1, outputPerMTok: 10 * (i + 1) } })) };
    const config = loadConfig({ env: { QUORUM_CONFIG: 'q.json' }, readFile: () => JSON.stringify(priced) });
    const svc = createCouncilService(config, { env: {} });
    const tier = svc.tiers().find((t) => t.id === 'small')!;
    const models = modelsFor(svc, { kind: 'personal' });
    const question = 'How far is the moon?';
    const server = runWorstCase(svc);
    expect(worstCaseOf({ tier, pick: null, models, maxAttempts: svc.maxAttempts, question })).toBeCloseTo(
      server('small', question, [], svc.tierCouncil('small'), 'full'),
      12,
    );
    for (const mode of ['answers', 'ranked', 'full'] as const) {
      const pick = { members: ['sim-c', 'sim-d', 'sim-e'], chairman: 'sim-e', mode };
      const browser = worstCaseOf({ tier, pick, models, maxAttempts: svc.maxAttempts, question });
      expect(browser).toBeGreaterThan(0);
      expect(browser).toBeCloseTo(server('small', question, [], { members: pick.members, chairman: 'sim-e', fallbackChairmen: [] }, mode), 12);
    }
  });
});
