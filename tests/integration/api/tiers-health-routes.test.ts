import { afterEach, describe, expect, it, vi } from 'vitest';
import { councilRequest, loadRoutes } from './route-harness';

vi.mock('server-only', () => ({}));

let cleanup: () => Promise<void> = async () => undefined;
afterEach(() => cleanup());

async function routes(config?: object, env?: Record<string, string>) {
  const loaded = await loadRoutes(config, env);
  cleanup = loaded.cleanup;
  return loaded;
}

describe('GET /api/tiers', () => {
  it('says every tier is simulated when no key is set', async () => {
    const { tiers } = await routes();
    const response = await tiers.GET(new Request('http://localhost/api/tiers'));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.defaultTier).toBe('balanced');
    expect(body.simulated).toBe(true);
    expect(body.tiers.map((t: { id: string }) => t.id)).toEqual(['speed', 'balanced', 'cost']);
    for (const tier of body.tiers) {
      expect(Object.keys(tier).sort()).toEqual(['available', 'chairman', 'description', 'fallbackChairmen', 'id', 'label', 'maxTokens', 'members', 'simulated']);
      expect(tier.available).toBe(true);
      expect(tier.simulated).toBe(true);
      expect(tier.members.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('lists the real members with a key, and never the key itself', async () => {
    const secret = 'test-openrouter-key-very-secret';
    const { tiers } = await routes(undefined, { OPENROUTER_API_KEY: secret });
    const text = await (await tiers.GET(new Request('http://localhost/api/tiers'))).text();
    expect(text).not.toContain(secret);
    const body = JSON.parse(text);
    expect(body.simulated).toBe(false);
    const balanced = body.tiers.find((t: { id: string }) => t.id === 'balanced');
    expect(balanced.members).toContain('gpt-5.1');
    expect(balanced.simulated).toBe(false);
  });
});

describe('tiers that wait for a key', () => {
  const LOCAL = {
    providers: [{ id: 'local', kind: 'openai-compatible', baseURL: 'http://127.0.0.1:9/v1' }],
    models: [
      { id: 'local-a', provider: 'local', model: 'a' },
      { id: 'local-b', provider: 'local', model: 'b' },
    ],
    tiers: [{ id: 'local', label: 'Local', council: ['local-a', 'local-b'], chairman: 'local-a' }],
  };

  it('lists built-in tiers as unavailable with the variable to set, and the replaced default with a warning', async () => {
    const { tiers } = await routes(LOCAL);
    const body = await (await tiers.GET(new Request('http://localhost/api/tiers'))).json();
    expect(body.defaultTier).toBe('local');
    const balanced = body.tiers.find((t: { id: string }) => t.id === 'balanced');
    expect(balanced).toMatchObject({ available: false, missingKeys: ['OPENROUTER_API_KEY'] });
    expect(balanced.unavailableReason).toContain('OPENROUTER_API_KEY');
    expect(body.tiers.find((t: { id: string }) => t.id === 'local')).toMatchObject({ available: true });
    expect(body.warnings.join(' ')).toContain('"balanced" cannot run');
  });

  it('refuses a run on an unavailable tier with 400 tier_unavailable, naming the variable', async () => {
    const { council } = await routes(LOCAL);
    const response = await council.POST(councilRequest({ question: 'hi', tier: 'speed' }));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.code).toBe('tier_unavailable');
    expect(body.error).toContain('OPENROUTER_API_KEY');
  });

  it('keeps /api/health ok while a tier is unavailable', async () => {
    const { health } = await routes(LOCAL);
    const response = await health.GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, defaultTier: 'local' });
  });
});

describe('GET /api/health', () => {
  it('answers ok', async () => {
    const { health } = await routes();
    const response = await health.GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, simulated: true, defaultTier: 'balanced', tiers: 3 });
  });

  it('answers 500 naming the missing variable, not the key that is set', async () => {
    const { health } = await routes(undefined, { ANTHROPIC_API_KEY: 'test-anthropic-key-987654321' });
    const response = await health.GET();
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).toContain('OPENROUTER_API_KEY');
    expect(text).not.toContain('test-anthropic-key-987654321');
    expect(JSON.parse(text).ok).toBe(false);
  });
});

describe('GET /api/health (DESIGN.md §7 fields)', () => {
  it('names the instance, the store and no Redis when REDIS_URL is unset', async () => {
    const { health } = await routes();
    const body = await (await health.GET()).json();
    expect(body).toMatchObject({ ok: true, status: 'ok', store: { kind: 'sqlite', ok: true } });
    expect(typeof body.instance).toBe('string');
    expect(body.instance.length).toBeGreaterThan(0);
    expect(body).not.toHaveProperty('redis');
    expect(typeof body.uptimeSeconds).toBe('number');
  });

  it('says degraded (still 200) when the store cannot be opened', async () => {
    const { health } = await routes(undefined, { DATABASE_URL: 'postgres://nobody:secret-pw@127.0.0.1:1/none' });
    const response = await health.GET();
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain('secret-pw');
    expect(JSON.parse(text)).toMatchObject({ ok: true, status: 'degraded', store: { kind: 'postgres', ok: false } });
  });

  it('says degraded with redis.ok false when REDIS_URL points at nothing', async () => {
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('quorum.redis')];
    const { health } = await routes(undefined, { REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const body = await (await health.GET()).json();
      expect(body).toMatchObject({ status: 'degraded', redis: { ok: false }, store: { ok: true } });
    } finally {
      const holder = globalThis as Record<symbol, { close(): Promise<void> } | null | undefined>;
      await holder[Symbol.for('quorum.redis')]?.close();
      delete holder[Symbol.for('quorum.redis')];
    }
  });

  it('answers 503 draining once the drain started, and the council refuses new runs with Retry-After', async () => {
    const { health, council } = await routes();
    const { startDraining, stopDraining } = await import('@/lib/server/drain-state');
    startDraining();
    try {
      const response = await health.GET();
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ ok: false, status: 'draining' });
      const refused = await council.POST(
        new Request('http://localhost/api/council', { method: 'POST', body: JSON.stringify({ question: 'Still there?' }), headers: { 'content-type': 'application/json' } }),
      );
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
      expect(await refused.json()).toMatchObject({ code: 'draining' });
    } finally {
      stopDraining();
    }
  });
});
