/**
 * Two `npm start` instances on one PostgreSQL and one Redis against the loopback fake upstream (DESIGN.md §7):
 * breakers and 429 pauses are shared, a restart or SIGKILL of one instance never costs the other its runs, a
 * killed instance's run is marked interrupted by the survivor, SIGTERM drains, and a Redis outage degrades and
 * recovers. Lease timings are shortened by environment so that the test is quick.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '@/tests/support/fake-upstream';
import { councilMemberBehaviour } from '@/tests/support/fake-upstream/council-behaviour';
import { askCouncil, openCouncil, startInstance, stopAll, storedRuns, type QuorumInstance } from '@/tests/support/quorum-instance';
import { redisServerAvailable, startTestRedis, type TestRedis } from '@/tests/support/redis-server';

const baseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/quorum_test';
/** A database of this test's own next to the test database: the store contract suite resets that one meanwhile. */
const databaseUrl = (() => {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/^\//, '')}_multi_instance`.replace(/^/, '/');
  return url.toString();
})();
const available = redisServerAvailable() && (await createDatabase());
if (!available && process.env.CI) throw new Error('redis-server and PostgreSQL are required in CI (.ci/run sets both up).');

/** Creates the test's database when missing; false when PostgreSQL cannot be reached. */
async function createDatabase(): Promise<boolean> {
  const client = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    const name = new URL(databaseUrl).pathname.slice(1);
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
    return true;
  } catch (error) {
    console.warn(`Skipping the multi-instance tests: PostgreSQL is unreachable (${error instanceof Error ? error.message : error}).`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const QUICK = { answer: 20, ranking: 20, synthesis: 20 };
const MID = { answer: 1_500, ranking: 800, synthesis: 800 };
const SLOW = { answer: 60_000, ranking: 60_000, synthesis: 60_000 };
const LONG_TIMEOUTS = { firstTokenTimeoutMs: 120_000, idleTimeoutMs: 120_000 };

function config(upstreamUrl: string) {
  const model = (id: string, provider = 'fake') => ({ id, provider, model: id });
  return {
    providers: [
      { id: 'fake', kind: 'openai-compatible', baseURL: `${upstreamUrl}/v1`, apiKeyEnv: 'FAKE_KEY', maxConcurrent: 64, maxQueue: 256 },
      { id: 'fake2', kind: 'openai-compatible', baseURL: `${upstreamUrl}/v1`, apiKeyEnv: 'FAKE_KEY' },
    ],
    models: [...['m1', 'm2', 'm3', 'broken', 'd1', 'd2', 's1', 's2'].map((id) => model(id)), model('limited', 'fake2')],
    tiers: [
      { id: 'quick', council: ['m1', 'm2', 'm3'], chairman: 'm1' },
      { id: 'flaky', council: ['m1', 'm2', 'broken'], chairman: 'm1' },
      // One member: its 429 ends the run at once, so the only later call to it is the other instance's.
      { id: 'limited', council: ['limited'], chairman: 'limited', ...LONG_TIMEOUTS },
      { id: 'mid', council: ['d1', 'd2'], chairman: 'd1', ...LONG_TIMEOUTS },
      { id: 'slow', council: ['s1', 's2'], chairman: 's1', ...LONG_TIMEOUTS },
    ],
    defaultTier: 'quick',
    retry: { maxAttempts: 1, baseMs: 10, factor: 2, capMs: 20 },
    circuitBreaker: { failureThreshold: 2, failureRatio: 1, minimumCalls: 100, windowMs: 60_000, cooldownMs: 120_000 },
  };
}

async function resetDatabase(): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  } finally {
    await client.end();
  }
}

async function health(instance: QuorumInstance): Promise<{ code: number; body: Record<string, unknown> }> {
  const response = await fetch(`${instance.url}/api/health`, { signal: AbortSignal.timeout(10_000) });
  return { code: response.status, body: (await response.json()) as Record<string, unknown> };
}

const callsTo = (upstream: FakeUpstream, model: string) => upstream.requests.filter((r) => r.model === model);

describe.skipIf(!available)('several instances on one PostgreSQL and one Redis', () => {
  let upstream: FakeUpstream;
  let redis: TestRedis;
  let dir: string;
  let env: Record<string, string>;
  let a: QuorumInstance;
  let b: QuorumInstance;

  beforeAll(async () => {
    await resetDatabase();
    upstream = await startFakeUpstream();
    for (const id of ['m1', 'm2', 'm3', 'limited']) upstream.setScript(id, councilMemberBehaviour(id, { latencyMs: QUICK, preference: ['m1', 'm2', 'm3'] }));
    for (const id of ['d1', 'd2']) upstream.setScript(id, councilMemberBehaviour(id, { latencyMs: MID, preference: ['d1', 'd2'] }));
    for (const id of ['s1', 's2']) upstream.setScript(id, councilMemberBehaviour(id, { latencyMs: SLOW, preference: ['s1', 's2'] }));
    upstream.setScript('broken', { fault: { kind: 'status', status: 500 } });
    redis = await startTestRedis();
    dir = mkdtempSync(path.join(tmpdir(), 'quorum-multi-'));
    const file = path.join(dir, 'quorum.json');
    writeFileSync(file, JSON.stringify(config(upstream.url)));
    env = {
      QUORUM_CONFIG: file,
      FAKE_KEY: 'test-fake-key',
      // A key switches off the all-simulated mode; the built-in tiers then need theirs (never called here).
      OPENROUTER_API_KEY: 'test-openrouter-key',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      QUORUM_LEASE_MS: '2000',
      QUORUM_LEASE_RENEW_MS: '400',
      QUORUM_DRAIN_MS: '4000',
      QUORUM_DATA_DIR: path.join(dir, 'data'),
    };
    [a, b] = await Promise.all([startInstance({ env: { ...env, QUORUM_INSTANCE_ID: 'a' } }), startInstance({ env: { ...env, QUORUM_INSTANCE_ID: 'b' } })]);
  }, 240_000);

  afterAll(async () => {
    await stopAll();
    await redis?.stop();
    await upstream?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reports itself healthy with its own instance id, PostgreSQL and Redis', async () => {
    const [ha, hb] = await Promise.all([health(a), health(b)]);
    expect(ha).toMatchObject({ code: 200, body: { status: 'ok', store: { kind: 'postgres', ok: true }, redis: { ok: true } } });
    expect(hb.body.status).toBe('ok');
    expect(ha.body.instance).not.toBe(hb.body.instance);
  });

  it('honours in one instance a circuit breaker opened by the other\'s calls (no further upstream calls)', async () => {
    for (let i = 0; i < 2; i++) expect((await askCouncil(a.url, { question: `flaky ${i}`, tier: 'flaky' })).events.at(-1)?.type).toBe('run.completed');
    expect(callsTo(upstream, 'broken')).toHaveLength(2);
    for (let i = 0; i < 3; i++) {
      const outcome = await askCouncil(b.url, { question: `after ${i}`, tier: 'flaky' });
      expect(outcome.events.at(-1)?.type).toBe('run.completed');
      expect(outcome.events.some((e) => e.type === 'member.failed' && e.model === 'broken' && e.reason === 'circuit_open')).toBe(true);
    }
    expect(callsTo(upstream, 'broken')).toHaveLength(2);
  });

  it('pauses one instance\'s calls to a provider after the other saw its 429', async () => {
    upstream.setScript('limited', { ...councilMemberBehaviour('limited', { latencyMs: QUICK, preference: ['m1', 'limited'] }), fault: { kind: 'status', status: 429, retryAfter: '3' }, faultAttempts: 1 });
    expect((await askCouncil(a.url, { question: 'first', tier: 'limited' })).events.at(-1)?.type).toBe('run.failed');
    const limitedAt = callsTo(upstream, 'limited')[0];
    expect(limitedAt.status).toBe(429);
    expect((await askCouncil(b.url, { question: 'second', tier: 'limited' })).events.at(-1)?.type).toBe('run.completed');
    const calls = callsTo(upstream, 'limited');
    expect(calls).toHaveLength(2);
    // Retry-After 3 s: b's call waited for most of it, though b never saw the 429 itself.
    expect(calls[1].arrivedAt - limitedAt.arrivedAt).toBeGreaterThanOrEqual(2_500);
  });

  it('degrades while Redis is down (health says so, councils still complete) and recovers by itself', async () => {
    await redis.stop();
    try {
      await expect.poll(async () => (await health(a)).body, { timeout: 15_000, interval: 200 }).toMatchObject({ status: 'degraded', redis: { ok: false } });
      const outcomes = await Promise.all([askCouncil(a.url, { question: 'no redis a' }), askCouncil(b.url, { question: 'no redis b' })]);
      for (const outcome of outcomes) expect(outcome.events.at(-1)?.type).toBe('run.completed');
    } finally {
      await redis.start();
    }
    await expect.poll(async () => (await health(a)).body, { timeout: 20_000, interval: 200 }).toMatchObject({ status: 'ok', redis: { ok: true } });
    await expect.poll(async () => (await health(b)).body.status, { timeout: 20_000, interval: 200 }).toBe('ok');
  });

  it('restarting one instance leaves the other\'s live run to complete', async () => {
    const live = await openCouncil(b.url, { question: 'survive a restart', tier: 'mid' });
    expect(live.status).toBe(200);
    await a.stop('SIGTERM');
    a = await startInstance({ env: { ...env, QUORUM_INSTANCE_ID: 'a2' } });
    const outcome = await live.finish();
    expect(outcome.events.at(-1)?.type).toBe('run.completed');
    await expect.poll(async () => (await storedRuns(a.url, live.conversationId!))[0]?.status, { timeout: 10_000, interval: 200 }).toBe('completed');
  });

  it('marks the run of a SIGKILLed instance interrupted from the survivor within 30 s', async () => {
    const live = await openCouncil(a.url, { question: 'about to be killed', tier: 'slow' });
    expect(live.status).toBe(200);
    await expect.poll(async () => (await storedRuns(b.url, live.conversationId!))[0]?.status, { timeout: 10_000, interval: 100 }).toBe('running');
    expect(await a.stop('SIGKILL')).toBe('SIGKILL');
    const killedAt = Date.now();
    await expect.poll(async () => (await storedRuns(b.url, live.conversationId!))[0]?.status, { timeout: 30_000, interval: 200 }).toBe('interrupted');
    console.info(`interrupted ${Date.now() - killedAt} ms after the SIGKILL (lease 2000 ms, renewal 400 ms)`);
  });

  it('drains on SIGTERM: health 503, new runs refused, short runs finish, long ones are cancelled (shutdown), exit 0', async () => {
    const short = await openCouncil(b.url, { question: 'finishes while draining', tier: 'mid' });
    const long = await openCouncil(b.url, { question: 'cut by the drain', tier: 'slow' });
    b.child.kill('SIGTERM');
    await expect.poll(async () => (await health(b).catch(() => ({ code: 0, body: {} }))).code, { timeout: 5_000, interval: 50 }).toBe(503);
    expect((await health(b)).body.status).toBe('draining');
    const refused = await fetch(`${b.url}/api/council`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'too late' }) });
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ code: 'draining' });

    const [shortEnd, longEnd] = await Promise.all([short.finish(), long.finish()]);
    expect(shortEnd.events.at(-1)?.type).toBe('run.completed');
    expect(longEnd.events.at(-1)).toMatchObject({ type: 'run.cancelled', reason: 'shutdown' });
    expect(await b.exited).toBe(0);
    // Every upstream call of the cancelled run was closed.
    expect(callsTo(upstream, 's1').concat(callsTo(upstream, 's2')).every((r) => r.clientClosed || r.endedAt !== undefined)).toBe(true);

    const survivor = await startInstance({ env: { ...env, QUORUM_INSTANCE_ID: 'c' } });
    const [stored] = await storedRuns(survivor.url, long.conversationId!);
    expect(stored.status).toBe('cancelled');
    expect(stored.events.at(-1)).toMatchObject({ type: 'run.cancelled', reason: 'shutdown' });
    expect((await storedRuns(survivor.url, short.conversationId!))[0].status).toBe('completed');
  });
});
