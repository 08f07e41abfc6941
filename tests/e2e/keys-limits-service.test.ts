/**
 * Per-key limits and budgets with real keys over real HTTP against `next start` (DESIGN.md §5), through every
 * front door: 20 concurrent questions against a tight daily budget never overspend it, `--concurrent 1` and
 * `--rpm` refuse with their codes and Retry-After, and `/v1` and `/mcp` take the same keys and limits, refusing
 * in their own clients' shapes (the official `openai` and MCP clients).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '@/lib/config/load-config';
import { worstCaseEstimator } from '@/lib/limits/run-worst-case';
import { LIMITED_COUNCIL_CONFIG } from '@/tests/support/limits/limited-council';
import { createKey, newDataDir, removeDataDir, startQuorum, type QuorumServer } from './access/quorum-server';

// The limits fixture module also wires a service for in-process tests; only its config is used here.
vi.mock('server-only', () => ({}));

const QUESTION = 'How do budgets stay safe under load?';
let server: QuorumServer;
let configDir: string;
const keys: Record<string, string> = {};
let worstCase: number;

beforeAll(async () => {
  configDir = mkdtempSync(path.join(os.tmpdir(), 'quorum-limits-config-'));
  const configFile = path.join(configDir, 'quorum.json');
  writeFileSync(configFile, JSON.stringify(LIMITED_COUNCIL_CONFIG));
  worstCase = worstCaseEstimator(loadConfig({ env: { QUORUM_CONFIG: 'q.json' }, readFile: () => JSON.stringify(LIMITED_COUNCIL_CONFIG) }))('priced', QUESTION, []);
  const dataDir = newDataDir();
  const env = { QUORUM_CONFIG: configFile };
  // Room for two and a half worst cases: whatever the runs really cost, at most this much may be settled.
  keys.budget = createKey(dataDir, 'budget', ['--daily-usd', (worstCase * 2.5).toFixed(6)], env);
  keys.single = createKey(dataDir, 'single', ['--concurrent', '1'], env);
  keys.rpm = createKey(dataDir, 'rpm', ['--rpm', '2'], env);
  keys.broke = createKey(dataDir, 'broke', ['--daily-usd', (worstCase / 2).toFixed(6)], env);
  keys.other = createKey(dataDir, 'other-tier', ['--tiers', 'nope'], env);
  server = await startQuorum({ dataDir, env });
});
afterAll(async () => {
  await server?.stop();
  if (server) removeDataDir(server.dataDir);
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

const url = (p: string) => `${server.baseURL}${p}`;
const bearer = (key: string) => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json' });

async function ask(key: string, question = QUESTION): Promise<{ status: number; body: string; retryAfter: string | null }> {
  const response = await fetch(url('/api/council'), { method: 'POST', headers: bearer(key), body: JSON.stringify({ question }) });
  return { status: response.status, body: await response.text(), retryAfter: response.headers.get('retry-after') };
}

describe('per-key limits over HTTP', () => {
  it('never settles more than the daily budget, whatever 20 concurrent questions cost', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => ask(keys.budget)));
    const admitted = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status === 429);
    expect(admitted.length + refused.length).toBe(20);
    // Runs end fast, so a late request may find room freed by a settled one; but 20 cannot all fit.
    expect(admitted.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const refusal of refused) {
      expect(JSON.parse(refusal.body)).toMatchObject({ code: 'budget_exhausted' });
      expect(Number(refusal.retryAfter)).toBeGreaterThan(0);
    }
    expect(admitted.every((r) => r.body.includes('event: run.completed'))).toBe(true);
    const usage = (await (await fetch(url('/api/usage'), { headers: bearer(keys.budget) })).json()) as {
      limited: boolean;
      inFlight: number;
      day: { spentUsd: number; reservedUsd: number; limitUsd: number };
    };
    expect(usage).toMatchObject({ limited: true, inFlight: 0 });
    expect(usage.day.reservedUsd).toBe(0);
    expect(usage.day.spentUsd).toBeGreaterThan(0);
    expect(usage.day.spentUsd).toBeLessThanOrEqual(usage.day.limitUsd);
  });

  it('lets one run in flight for --concurrent 1, refusing the second with too_many_runs and Retry-After', async () => {
    const [a, b] = await Promise.all([ask(keys.single), ask(keys.single)]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 429]);
    const refused = a.status === 429 ? a : b;
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'too_many_runs' });
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    // Once it has ended, the next one is let in.
    expect((await ask(keys.single)).status).toBe(200);
  });

  it('counts runs started per minute for --rpm, refusing the third with rate_limited', async () => {
    expect((await ask(keys.rpm)).status).toBe(200);
    expect((await ask(keys.rpm)).status).toBe(200);
    const third = await ask(keys.rpm);
    expect(third.status).toBe(429);
    expect(JSON.parse(third.body)).toMatchObject({ code: 'rate_limited' });
    expect(Number(third.retryAfter)).toBeGreaterThan(0);
  });
});

describe('the service front doors take the same keys and limits', () => {
  const client = (apiKey: string) => new OpenAI({ baseURL: `${server.baseURL}/v1`, apiKey, maxRetries: 0 });

  it('maps missing keys, spent budgets and forbidden tiers to the openai SDK’s error classes', async () => {
    const messages = [{ role: 'user' as const, content: QUESTION }];
    await expect(client('qk\x5fnot-a-real-key-000000000000000000000').models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(client('qk\x5fnot-a-real-key-000000000000000000000').chat.completions.create({ model: 'quorum', messages })).rejects.toMatchObject({
      status: 401,
      code: 'invalid_api_key',
    });
    const spent = client(keys.broke).chat.completions.create({ model: 'quorum', messages });
    await expect(spent).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    await expect(client(keys.broke).chat.completions.create({ model: 'quorum', messages })).rejects.toMatchObject({ type: 'insufficient_quota' });
    await expect(client(keys.other).chat.completions.create({ model: 'quorum/priced', messages })).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
    const ids: string[] = [];
    for await (const model of client(keys.other).models.list()) ids.push(model.id);
    expect(ids).not.toContain('quorum/priced');

    const answer = await client(keys.single).chat.completions.create({ model: 'quorum/priced', messages });
    expect(answer.choices[0].message.content?.length).toBeGreaterThan(0);
    // Stored like a browser run and owned by the key: its history lists it, another key's does not.
    const mine = (await (await fetch(url('/api/conversations'), { headers: bearer(keys.single) })).json()) as { items: unknown[] };
    const theirs = (await (await fetch(url('/api/conversations'), { headers: bearer(keys.rpm) })).json()) as { items: { title: string }[] };
    expect(mine.items.length).toBeGreaterThan(0);
    expect(theirs.items.every((item) => !JSON.stringify(item).includes((answer as unknown as { quorum: { runId: string } }).quorum.runId))).toBe(true);
  });

  it('refuses an MCP client without a key, and serves one with a key', async () => {
    const anonymous = new Client({ name: 'anon', version: '1.0.0' });
    await expect(anonymous.connect(new StreamableHTTPClientTransport(new URL(url('/mcp'))))).rejects.toThrow();
    const mcp = new Client({ name: 'keyed', version: '1.0.0' });
    await mcp.connect(
      new StreamableHTTPClientTransport(new URL(url('/mcp')), { requestInit: { headers: { authorization: `Bearer ${keys.broke}` } } }),
    );
    try {
      const { tools } = await mcp.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(['ask_council']);
      // This key's whole budget is less than one run's worst case: the tool says so instead of running.
      const result = await mcp.callTool({ name: 'ask_council', arguments: { question: QUESTION } });
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result.content)).toMatch(/budget|spent/i);
    } finally {
      await mcp.close();
    }
  });
});
