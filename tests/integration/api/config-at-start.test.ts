import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

const dirs: string[] = [];
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('quorum.councilService')];
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function startWith(config: object, env: Record<string, string> = {}) {
  vi.resetModules();
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('quorum.councilService')];
  const dir = mkdtempSync(path.join(tmpdir(), 'quorum-start-'));
  dirs.push(dir);
  const file = path.join(dir, 'quorum.json');
  writeFileSync(file, JSON.stringify(config));
  for (const name of ['OPENROUTER_API_KEY', 'OPENAI_API_KEY', 'ANTHROPIC_API_KEY']) vi.stubEnv(name, '');
  vi.stubEnv('QUORUM_CONFIG', file);
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const { checkConfigAtStart } = await import('@/lib/server/check-config-at-start');
  checkConfigAtStart();
  return {
    exit,
    logged: log.mock.calls.map((args) => args.join(' ')).join('\n'),
    warned: warn.mock.calls.map((args) => args.join(' ')).join('\n'),
  };
}

describe('configuration checked at server start', () => {
  it('stops the server with a message naming the unknown model reference', async () => {
    const { exit, logged } = await startWith({
      tiers: [{ id: 'extra', label: 'Extra', description: 'x', council: ['sim-swift', 'no-such-model'], chairman: 'sim-swift' }],
    });
    expect(exit).toHaveBeenCalledWith(1);
    expect(logged).toMatch(/tiers\[0\]\.council\[1\]/);
    expect(logged).toContain('no-such-model');
  });

  it('names the missing key variable without printing any key', async () => {
    const secret = 'test-openai-key-value-0123456789';
    const { exit, logged } = await startWith({}, { OPENAI_API_KEY: secret });
    expect(exit).toHaveBeenCalledWith(1);
    expect(logged).toContain('OPENROUTER_API_KEY');
    expect(logged).not.toContain(secret);
  });

  it('starts a config whose own tier runs on a local server without OPENROUTER_API_KEY, warning about the default tier', async () => {
    const { exit, logged, warned } = await startWith({
      providers: [{ id: 'ollama', kind: 'openai-compatible', baseURL: 'http://127.0.0.1:11434/v1' }],
      models: [
        { id: 'llama', provider: 'ollama', model: 'llama3.1' },
        { id: 'qwen', provider: 'ollama', model: 'qwen2.5' },
      ],
      tiers: [{ id: 'local', council: ['llama', 'qwen'], chairman: 'llama' }],
    });
    expect(exit).not.toHaveBeenCalled();
    expect(logged).toBe('');
    expect(warned).toContain('The default tier "balanced" cannot run (set OPENROUTER_API_KEY); "local" is the default instead.');
  });

  it('lets a valid configuration start', async () => {
    const { exit, logged } = await startWith({});
    expect(exit).not.toHaveBeenCalled();
    expect(logged).toBe('');
  });
});
