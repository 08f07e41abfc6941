import { describe, expect, it } from 'vitest';
import { loadConfig } from '@/lib/config/load-config';
import { ConfigError } from '@/lib/config/config-error';
import type { EnvSource } from '@/lib/config/env';

const load = (file: unknown, env: EnvSource = {}) =>
  loadConfig({ env: { QUORUM_CONFIG: 'quorum.json', ...env }, readFile: () => JSON.stringify(file) });

const LOCAL = {
  providers: [{ id: 'ollama', kind: 'openai-compatible', baseURL: 'http://127.0.0.1:11434/v1' }],
  models: [
    { id: 'llama', provider: 'ollama', model: 'llama3.1' },
    { id: 'qwen', provider: 'ollama', model: 'qwen2.5' },
  ],
  tiers: [{ id: 'local', council: ['llama', 'qwen'], chairman: 'llama' }],
};

describe('tiers whose provider has no key are unavailable, not fatal', () => {
  it('starts a config with its own tier on a local server without OPENROUTER_API_KEY', () => {
    const config = load(LOCAL);
    expect(config.simulated).toBe(false);
    const byId = Object.fromEntries(config.tiers.map((tier) => [tier.id, tier.missingKeys]));
    expect(byId).toEqual({ speed: ['OPENROUTER_API_KEY'], balanced: ['OPENROUTER_API_KEY'], cost: ['OPENROUTER_API_KEY'], local: [] });
  });

  it('makes the first tier that can run the default, with a warning, when the default cannot', () => {
    const config = load(LOCAL);
    expect(config.defaultTier).toBe('local');
    expect(config.warnings).toContain('The default tier "balanced" cannot run (set OPENROUTER_API_KEY); "local" is the default instead.');
    expect(config.warnings.some((warning) => warning.includes('speed (set OPENROUTER_API_KEY)'))).toBe(true);
  });

  it('keeps the default tier and lists only the tier that waits for its key', () => {
    const config = load(
      {
        providers: [{ id: 'corp', kind: 'openai-compatible', baseURL: 'https://llm.example.com/v1', apiKeyEnv: 'CORP_LLM_KEY' }],
        models: [{ id: 'corp-1', provider: 'corp', model: 'c1' }],
        tiers: [{ id: 'corp', council: ['corp-1', 'gpt-5.1'], chairman: 'gpt-5.1' }],
      },
      { OPENROUTER_API_KEY: 'sk\x2dor-live-abcdef' },
    );
    expect(config.defaultTier).toBe('balanced');
    expect(config.tiers.find((tier) => tier.id === 'corp')?.missingKeys).toEqual(['CORP_LLM_KEY']);
    expect(config.tiers.filter((tier) => tier.missingKeys.length > 0).map((tier) => tier.id)).toEqual(['corp']);
    expect(config.warnings).toEqual(['Unavailable tiers, until their API key is set: corp (set CORP_LLM_KEY).']);
    expect(JSON.stringify(config)).not.toContain('sk\x2dor-live-abcdef');
  });

  it('still runs everything simulated when no key is set at all', () => {
    const config = loadConfig({ env: {} });
    expect(config.simulated).toBe(true);
    expect(config.tiers.every((tier) => tier.missingKeys.length === 0)).toBe(true);
    expect(config.warnings).toEqual([]);
  });

  it('refuses to start when no tier at all can run, naming every variable', () => {
    expect(() => loadConfig({ env: { ANTHROPIC_API_KEY: 'sk\x2dant-live-abcdef' } })).toThrow(ConfigError);
    expect(() => loadConfig({ env: { ANTHROPIC_API_KEY: 'sk\x2dant-live-abcdef' } })).toThrow(/OPENROUTER_API_KEY/);
  });
});
