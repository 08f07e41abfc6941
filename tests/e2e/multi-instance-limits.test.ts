/**
 * A key's limits hold across instances (DESIGN.md §5, §7): two `npm start` instances on one PostgreSQL and one
 * Redis, a key made with `npm run keys -- create --concurrent 1` against that PostgreSQL, and one slow run of the
 * key in flight on instance A: instance B refuses the key's second run with 429 `too_many_runs`, and lets the
 * next one in once A's run has ended.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInstance, stopAll, type QuorumInstance } from '@/tests/support/quorum-instance';
import { redisServerAvailable, startTestRedis, type TestRedis } from '@/tests/support/redis-server';
import { requireService } from '@/tests/support/require-service';
import { testDatabaseUrl } from '@/tests/support/postgres/test-database';
import { createKey } from './access/quorum-server';

/** A database of this test's own: the store contract suite resets the shared test database meanwhile. */
const databaseUrl = (() => {
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${url.pathname.replace(/^\//, '')}_multi_instance_limits`;
  return url.toString();
})();

async function createDatabase(): Promise<string | null> {
  const client = new pg.Client({ connectionString: testDatabaseUrl(), connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    const name = new URL(databaseUrl).pathname.slice(1);
    await client.query(`DROP DATABASE IF EXISTS "${name}"`);
    await client.query(`CREATE DATABASE "${name}"`);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const ready =
  (await requireService('redis-server', () => (redisServerAvailable() ? null : 'not installed'), 'install redis-server')) &&
  (await requireService('PostgreSQL', createDatabase, 'run scripts/ci-postgres.sh'));

const CONFIG = {
  models: [
    { id: 'slow-a', provider: 'simulated', model: 'sim-atlas', simulation: { firstTokenMs: 200, tokensPerSecond: 40 } },
    { id: 'slow-b', provider: 'simulated', model: 'sim-ember', simulation: { firstTokenMs: 200, tokensPerSecond: 40 } },
    { id: 'quick-a', provider: 'simulated', model: 'sim-swift', simulation: { firstTokenMs: 5, tokensPerSecond: 5_000 } },
    { id: 'quick-b', provider: 'simulated', model: 'sim-pico', simulation: { firstTokenMs: 5, tokensPerSecond: 5_000 } },
  ],
  tiers: [
    { id: 'slow', council: ['slow-a', 'slow-b'], chairman: 'slow-a' },
    { id: 'quick', council: ['quick-a', 'quick-b'], chairman: 'quick-a' },
  ],
  defaultTier: 'quick',
};

describe.skipIf(!ready)('per-key limits across two instances', () => {
  let redis: TestRedis;
  let a: QuorumInstance;
  let b: QuorumInstance;
  let key: string;
  let dir: string;

  beforeAll(async () => {
    redis = await startTestRedis();
    dir = mkdtempSync(path.join(tmpdir(), 'quorum-multi-limits-'));
    const configFile = path.join(dir, 'quorum.json');
    writeFileSync(configFile, JSON.stringify(CONFIG));
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, QUORUM_CONFIG: configFile, QUORUM_DATA_DIR: dir };
    key = createKey(dir, 'one-at-a-time', ['--concurrent', '1'], env);
    [a, b] = await Promise.all([startInstance({ env }), startInstance({ env })]);
  });
  afterAll(async () => {
    await stopAll();
    await redis?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const ask = (instance: QuorumInstance, tier: string, signal?: AbortSignal) =>
    fetch(`${instance.url}/api/council`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ question: `One at a time, on ${tier}`, tier }),
      signal,
    });

  it('refuses a second run of a --concurrent 1 key on the other instance while the first is in flight', async () => {
    const first = await ask(a, 'slow');
    expect(first.status).toBe(200);
    const reader = first.body!.getReader();
    await reader.read();

    const second = await ask(b, 'quick');
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBeTruthy();
    expect(await second.json()).toMatchObject({ code: 'too_many_runs' });

    // A's run ends (its stream drained to the terminal event): the slot is free again, on either instance.
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    expect(text).toContain('event: run.completed');
    const third = await ask(b, 'quick');
    expect(third.status).toBe(200);
    expect(await third.text()).toContain('event: run.completed');
  });
});
