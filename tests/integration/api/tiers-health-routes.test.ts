import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadRoutes } from './route-harness';

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
      expect(Object.keys(tier).sort()).toEqual(['chairman', 'description', 'id', 'label', 'members', 'simulated']);
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
