import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '@/lib/config/load-config';
import { ConfigError } from '@/lib/config/config-error';
import { parseEnv, type EnvSource } from '@/lib/config/env';

function errorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

function loadText(text: string, env: EnvSource = {}) {
  return loadConfig({ env: { QUORUM_CONFIG: 'quorum.json', ...env }, readFile: () => text });
}
const load = (file: unknown, env: EnvSource = {}) => loadText(JSON.stringify(file), env);

const tier = (extra: object) => ({ id: 't', council: ['gpt-5.1', 'grok-4'], chairman: 'gpt-5.1', ...extra });

describe('a bad config is an error naming the field', () => {
  const cases: [string, unknown, RegExp][] = [
    ['an unknown provider kind', { providers: [{ id: 'p', kind: 'grpc' }] }, /^providers\[0\]\.kind: /],
    ['a base URL that is not a URL', { providers: [{ id: 'p', kind: 'anthropic', baseURL: 'nope' }] }, /^providers\[0\]\.baseURL: /],
    ['a key variable that is not a variable name', { providers: [{ id: 'p', kind: 'anthropic', apiKeyEnv: 'sk-abc def' }] }, /^providers\[0\]\.apiKeyEnv: /],
    ['a negative price', { models: [{ id: 'm', provider: 'openai', model: 'x', pricing: { inputPerMTok: -1, outputPerMTok: 1 } }] }, /^models\[0\]\.pricing\.inputPerMTok: /],
    ['an unknown simulated failure', { models: [{ id: 'm', provider: 'simulated', model: 'sim-swift', simulation: { failure: 'boom' } }] }, /^models\[0\]\.simulation\.failure: /],
    ['an empty council', { tiers: [tier({ council: [] })] }, /^tiers\[0\]\.council: needs at least one member/],
    ['a member listed twice', { tiers: [tier({ council: ['grok-4', 'grok-4'] })] }, /^tiers\[0\]\.council: lists a member twice/],
    ['a negative deadline', { tiers: [{}, tier({ deadlinesMs: { answer: -1 } })] }, /^tiers\[1\]\.deadlinesMs\.answer: /],
    ['a quorum of zero', { tiers: [tier({ quorum: 0 })] }, /^tiers\[0\]\.quorum: /],
    ['an unknown lateRankings', { tiers: [tier({ lateRankings: 'maybe' })] }, /^tiers\[0\]\.lateRankings: /],
    ['a misspelt tier field', { tiers: [tier({ exludeSelf: true })] }, /^tiers\[0\]: unknown field\(s\) "exludeSelf"/],
    ['a misspelt top-level part', { tier: [] }, /^\(root\): unknown field\(s\) "tier"/],
    ['a duplicate id', { tiers: [tier({}), tier({})] }, /^tiers\[1\]\.id: duplicate id "t"/],
    ['a member that is no model', { tiers: [tier({}), tier({ id: 'u', council: ['gpt-5.1', 'grok-4', 'x'] })] }, /^tiers\[1\]\.council\[2\]: unknown model "x"/],
    ['a chairman that is no model', { tiers: [tier({ chairman: 'nobody' })] }, /^tiers\[0\]\.chairman: unknown model "nobody"/],
    ['a fallback chairman that is no model', { tiers: [tier({ fallbackChairmen: ['grok-4', 'ghost'] })] }, /^tiers\[0\]\.fallbackChairmen\[1\]: unknown model "ghost"/],
    ['a model on an unknown provider', { models: [{ id: 'm', provider: 'nowhere', model: 'x' }] }, /^models\[0\]\.provider: unknown provider "nowhere"/],
    ['more minAnswers than members', { tiers: [tier({ minAnswers: 3 })] }, /^tiers\[0\]\.minAnswers: 3 is more than the 2 council members/],
    ['an unknown default tier', { defaultTier: 'fastest' }, /^defaultTier: unknown tier "fastest" \(valid: speed, balanced, cost\)/],
  ];

  it.each(cases)('%s', (_name, file, expected) => {
    const error = errorOf(() => load(file));
    expect(error.problems.some((problem) => expected.test(problem))).toBe(true);
    expect(error.message).toContain('quorum.json');
  });

  it('lists every problem at once, not only the first', () => {
    const error = errorOf(() => load({ tiers: [tier({ chairman: 'a', fallbackChairmen: ['b'] })], defaultTier: 'c' }));
    expect(error.problems).toHaveLength(3);
  });

  it('names the file when it is not JSON', () => {
    const error = errorOf(() => loadText('{ "tiers": [ }'));
    expect(error.message).toMatch(/quorum\.json[\s\S]*not valid JSON/);
  });

  it('names QUORUM_CONFIG when the file cannot be read', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'quorum-config-'));
    try {
      const missing = path.join(dir, 'missing.json');
      const error = errorOf(() => loadConfig({ env: { QUORUM_CONFIG: missing } }));
      expect(error.message).toContain(`QUORUM_CONFIG: cannot read "${missing}" (ENOENT)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a real file named by QUORUM_CONFIG', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'quorum-config-'));
    try {
      const file = path.join(dir, 'quorum.json');
      writeFileSync(file, JSON.stringify({ defaultTier: 'speed' }));
      expect(loadConfig({ env: { QUORUM_CONFIG: file } }).defaultTier).toBe('speed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a missing key', () => {
  it('names the variable a tier needs when another key is set', () => {
    const error = errorOf(() => loadConfig({ env: { OPENAI_API_KEY: 'test-openai-secret-value-123' } }));
    expect(error.message).toContain('OPENROUTER_API_KEY');
    expect(error.message).toMatch(/tier "balanced"/);
    expect(error.message).not.toContain('test-openai-secret-value-123');
  });

  it('names the file tier and the custom variable of a configured provider when no tier can run', () => {
    const error = errorOf(() =>
      load(
        {
          providers: [{ id: 'corp', kind: 'openai-compatible', baseURL: 'https://llm.example.com/v1', apiKeyEnv: 'CORP_LLM_KEY' }],
          models: [{ id: 'corp-1', provider: 'corp', model: 'c1' }],
          tiers: [tier({ council: ['corp-1', 'gpt-5.1'] })],
        },
        { OPENAI_API_KEY: 'sk\x2dopenai-live-abcdef' },
      ),
    );
    expect(error.problems).toContain(
      'tiers[0] (tier "t"): model "corp-1" uses provider "corp", but the environment variable CORP_LLM_KEY is not set',
    );
    expect(error.message).not.toContain('sk\x2dopenai-live-abcdef');
  });

  it('never shows any key value in the message, whatever the key', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 12, maxLength: 60 }).filter((k) => k.trim().length >= 12), (key) => {
        const error = errorOf(() => loadConfig({ env: { ANTHROPIC_API_KEY: key } }));
        expect(error.message).not.toContain(key.trim());
      }),
      { numRuns: 100 },
    );
  });
});

describe('the environment', () => {
  it('names a malformed variable without echoing its value', () => {
    const error = errorOf(() => parseEnv({ PORT: 'eighty', OPENAI_BASE_URL: 'not a url at all' }));
    expect(error.message).toMatch(/PORT: /);
    expect(error.message).toMatch(/OPENAI_BASE_URL: /);
    expect(error.message).not.toContain('not a url at all');
  });

  it('defaults the data directory and reads the port', () => {
    const env = parseEnv({ PORT: '3100' });
    expect(env.QUORUM_DATA_DIR).toBe('./data');
    expect(env.PORT).toBe(3100);
  });
});
