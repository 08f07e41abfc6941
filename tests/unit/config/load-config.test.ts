import { describe, expect, it } from 'vitest';
import { loadConfig } from '@/lib/config/load-config';
import { SIMULATED_PROFILES } from '@/lib/providers/simulated';
import type { EnvSource } from '@/lib/config/env';

/** Loads with a config file given as an object, read through the injected reader. */
function load(file: unknown, env: EnvSource = {}) {
  return loadConfig({
    env: { QUORUM_CONFIG: '/etc/quorum.json', ...env },
    readFile: () => JSON.stringify(file),
  });
}

const KEY = { OPENROUTER_API_KEY: 'sk-or-test-0123456789' };

describe('built-in defaults', () => {
  it('ship speed, balanced and cost with balanced as the default', () => {
    const config = loadConfig({ env: KEY });
    expect(config.tiers.map((t) => t.id)).toEqual(['speed', 'balanced', 'cost']);
    expect(config.defaultTier).toBe('balanced');
    expect(config.simulated).toBe(false);
  });

  it('use real OpenRouter models with prices when a key is set', () => {
    const config = loadConfig({ env: KEY });
    const balanced = config.tiers.find((t) => t.id === 'balanced')!;
    expect(balanced.simulated).toBe(false);
    for (const id of balanced.council) {
      const model = config.models.find((m) => m.id === id)!;
      expect(model.provider).toBe('openrouter');
      expect(model.model).toMatch(/^[a-z-]+\/[\w.-]+$/);
      expect(model.pricing?.inputPerMTok).toBeGreaterThan(0);
    }
  });

  it('fill left-out tier fields with the DESIGN.md defaults', () => {
    const balanced = loadConfig({ env: KEY }).tiers.find((t) => t.id === 'balanced')!;
    expect(balanced.policy).toEqual({
      deadlinesMs: { answer: 60_000, ranking: 45_000, synthesis: 90_000 },
      firstTokenTimeoutMs: 20_000,
      idleTimeoutMs: 15_000,
      quorum: 0.5,
      straggler: { factor: 1.5, floorMs: 3_000 },
      lateRankings: 'keep',
      excludeSelf: true,
      minAnswers: 2,
      maxTokens: { answer: 1_200, ranking: 600, synthesis: 2_000 },
    });
  });

  it('point the built-in providers at their *_BASE_URL overrides', () => {
    const config = loadConfig({
      env: { ...KEY, OPENROUTER_BASE_URL: 'http://127.0.0.1:8080/api/v1', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9/' },
    });
    const byId = Object.fromEntries(config.providers.map((p) => [p.id, p]));
    expect(byId.openrouter.baseURL).toBe('http://127.0.0.1:8080/api/v1');
    expect(byId.anthropic.baseURL).toBe('http://127.0.0.1:9/');
    expect(byId.openai.baseURL).toBe('https://api.openai.com/v1');
  });
});

describe('with no API key at all', () => {
  it('runs every built-in tier on simulated sim-* models', () => {
    const config = loadConfig({ env: {} });
    expect(config.simulated).toBe(true);
    for (const tier of config.tiers) {
      expect(tier.simulated).toBe(true);
      for (const id of [...tier.council, tier.chairman, ...tier.fallbackChairmen]) {
        expect(id).toMatch(/^sim-/);
        const model = config.models.find((m) => m.id === id)!;
        expect(config.providers.find((p) => p.id === model.provider)!.kind).toBe('simulated');
      }
    }
  });

  it('points the real models of a file tier at the simulated provider, keeping their ids', () => {
    const config = load({ tiers: [{ id: 'mine', council: ['gpt-5.1', 'grok-4'], chairman: 'gpt-5.1' }] });
    const mine = config.tiers.find((t) => t.id === 'mine')!;
    expect(mine.council).toEqual(['gpt-5.1', 'grok-4']);
    expect(mine.simulated).toBe(true);
    expect(config.models.find((m) => m.id === 'grok-4')!.provider).toBe('simulated');
  });

  it('treats blank key variables as unset', () => {
    expect(loadConfig({ env: { OPENROUTER_API_KEY: '', OPENAI_API_KEY: '   ' } }).simulated).toBe(true);
  });

  it('still calls a keyless local provider (e.g. Ollama) for real', () => {
    const config = load({
      providers: [{ id: 'ollama', kind: 'openai-compatible', baseURL: 'http://127.0.0.1:11434/v1' }],
      models: [
        { id: 'llama', provider: 'ollama', model: 'llama3.2' },
        { id: 'qwen', provider: 'ollama', model: 'qwen3' },
      ],
      tiers: ['speed', 'balanced', 'cost'].map((id) => ({ id, council: ['llama', 'qwen'], chairman: 'qwen' })),
    });
    expect(config.simulated).toBe(false);
    expect(config.tiers.every((t) => !t.simulated)).toBe(true);
    expect(config.models.find((m) => m.id === 'llama')!.provider).toBe('ollama');
  });
});

describe('a config file', () => {
  it('replaces a built-in entry with the same id and adds the others', () => {
    const config = load(
      {
        models: [
          { id: 'gpt-5.1', provider: 'openrouter', model: 'openai/gpt-5.1', pricing: { inputPerMTok: 9, outputPerMTok: 99 } },
          { id: 'local', provider: 'openrouter', model: 'meta/llama' },
        ],
        tiers: [
          { id: 'balanced', council: ['gpt-5.1', 'local', 'grok-4'], chairman: 'local' },
          { id: 'mine', label: 'Mine', council: ['gpt-5.1', 'local', 'grok-4', 'gpt-5-mini'], chairman: 'gpt-5.1' },
        ],
        defaultTier: 'mine',
      },
      KEY,
    );
    expect(config.tiers.map((t) => t.id)).toEqual(['speed', 'balanced', 'cost', 'mine']);
    const balanced = config.tiers.find((t) => t.id === 'balanced')!;
    expect(balanced.label).toBe('balanced');
    expect(balanced.fallbackChairmen).toEqual([]);
    expect(balanced.policy.excludeSelf).toBe(false);
    expect(config.tiers.find((t) => t.id === 'mine')!.policy.excludeSelf).toBe(true);
    expect(config.models.find((m) => m.id === 'gpt-5.1')!.pricing).toEqual({ inputPerMTok: 9, outputPerMTok: 99 });
    expect(config.models.some((m) => m.id === 'grok-4')).toBe(true);
    expect(config.defaultTier).toBe('mine');
  });

  it('merges partial nested tier fields with the defaults', () => {
    const config = load(
      { tiers: [{ id: 't', council: ['gpt-5.1', 'grok-4'], chairman: 'grok-4', deadlinesMs: { answer: 5_000 }, excludeSelf: true }] },
      KEY,
    );
    const policy = config.tiers.find((t) => t.id === 't')!.policy;
    expect(policy.deadlinesMs).toEqual({ answer: 5_000, ranking: 45_000, synthesis: 90_000 });
    expect(policy.excludeSelf).toBe(true);
  });

  it('takes the extensions: provider bulkhead, model simulation, retry, history, retention', () => {
    const config = load({
      providers: [{ id: 'simulated', kind: 'simulated', maxConcurrent: 2, maxQueue: 0 }],
      models: [{ id: 'sim-swift', provider: 'simulated', model: 'sim-swift', simulation: { failure: 'hang' } }],
      retry: { maxAttempts: 2, baseMs: 10, factor: 2, capMs: 100 },
      history: { maxTurns: 3 },
      retention: { llmRequestsDays: 7 },
    });
    expect(config.providers.find((p) => p.id === 'simulated')).toMatchObject({ maxConcurrent: 2, maxQueue: 0 });
    expect(config.models.find((m) => m.id === 'sim-swift')!.simulation).toEqual({ failure: 'hang' });
    expect(config.retry).toEqual({ maxAttempts: 2, baseMs: 10, factor: 2, capMs: 100 });
    expect(config.history.maxTurns).toBe(3);
    expect(config.retention.llmRequestsDays).toBe(7);
  });
});

describe('examples/quorum.example.json', () => {
  it('is a valid config', () => {
    const config = loadConfig({ env: { ...KEY, QUORUM_CONFIG: 'examples/quorum.example.json' } });
    expect(config.tiers.map((t) => t.id)).toContain('mixed');
    expect(config.simulated).toBe(false);
  });
});

describe('the simulated twins', () => {
  it('name only profiles that the simulated provider knows', () => {
    const config = loadConfig({ env: {} });
    for (const tier of config.tiers) {
      for (const id of tier.council) {
        const model = config.models.find((m) => m.id === id)!;
        expect(Object.keys(SIMULATED_PROFILES)).toContain(model.model);
      }
    }
  });

  it('keep each built-in tier\'s council size', () => {
    const real = loadConfig({ env: KEY }).tiers;
    const twins = loadConfig({ env: {} }).tiers;
    expect(twins.map((t) => t.council.length)).toEqual(real.map((t) => t.council.length));
    expect(twins.map((t) => t.policy)).toEqual(real.map((t) => t.policy));
  });
});
