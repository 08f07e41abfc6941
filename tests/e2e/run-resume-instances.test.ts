/**
 * Two `next start` instances on one PostgreSQL and one Redis (DESIGN.md §7): a run started on one is
 * followed and cancelled from the other. Skipped where PostgreSQL or redis-server is not available.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { FakeUpstream } from '../support/fake-upstream';
import { redisServerAvailable, startTestRedis, type TestRedis } from '../support/redis-server';
import { councilConfig, expectContiguousToTerminal, isTerminal, midStage, startCouncilUpstream, storedRun, UPSTREAM_ENV, waitFor } from './support/council-fixture';
import { startNextInstance, type NextInstance } from './support/next-instance';
import { openSse } from './support/sse-client';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/quorum_test';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const available = redisServerAvailable() && (await postgresReachable());

describe.skipIf(!available)('a browser run across two instances (PostgreSQL + Redis)', () => {
  let upstream: FakeUpstream;
  let redis: TestRedis;
  let a: NextInstance;
  let b: NextInstance;

  beforeAll(async () => {
    // Stage 1 takes ~3 s: longer than the grace, so a run kept alive by a remote follower proves the hold.
    upstream = await startCouncilUpstream({ padWords: 90 });
    redis = await startTestRedis();
    const env = { ...UPSTREAM_ENV, DATABASE_URL, REDIS_URL: redis.url, QUORUM_DETACH_GRACE_MS: '1500' };
    a = await startNextInstance({ config: councilConfig(upstream), env });
    b = await startNextInstance({ config: councilConfig(upstream), env });
    // Warm both up (route bundles loaded, store and Redis connected): the grace here is short, and a cold first
    // request would eat into it.
    for (const instance of [a, b]) {
      expect((await fetch(`${instance.url}/api/runs/00000000-0000-4000-8000-000000000000/events`)).status).toBe(404);
      expect((await fetch(`${instance.url}/api/runs/00000000-0000-4000-8000-000000000000/cancel`, { method: 'POST' })).status).toBe(404);
    }
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
    await upstream?.close();
  });

  async function startOn(base: string) {
    const { response, read } = await openSse(`${base}/api/council`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'Why is the sky blue?' }),
    });
    expect(response.status).toBe(200);
    return { runId: response.headers.get('x-run-id')!, conversationId: response.headers.get('x-conversation-id')!, read };
  }

  it('resumes on the other instance: replay from the store, then live through Redis, with no gap or duplicate', async () => {
    const since = upstream.requests.at(-1)?.id ?? 0;
    const { runId, conversationId, read } = await startOn(a.url);
    await read.until(midStage);
    read.drop();
    const before = [...read.events];
    const resumed = await openSse(`${b.url}/api/runs/${runId}/events`, { headers: { 'last-event-id': String(before.at(-1)!.seq) } });
    expect(resumed.response.status).toBe(200);
    expect(await resumed.read.finished).toBe(true);
    const all = [...before, ...resumed.read.events];
    expectContiguousToTerminal(all);
    expect(all.at(-1)).toMatchObject({ type: 'run.completed' });
    const stored = await waitFor(() => storedRun(b.url, conversationId, runId), (run) => run?.status === 'completed');
    const final = all.at(-1)!;
    expect(final.type === 'run.completed' && final.text).toBe(stored!.finalText);
    expect(stored!.events).toEqual(all);
    expect(upstream.requests.filter((r) => r.id > since && r.clientClosed)).toEqual([]);
  });

  it('cancels from the other instance: the owner closes every upstream call and records run.cancelled', async () => {
    const since = upstream.requests.at(-1)?.id ?? 0;
    const { runId, conversationId, read } = await startOn(a.url);
    await read.until(midStage);
    const open = upstream.requests.filter((r) => r.id > since && r.endedAt === undefined);
    expect(open.length).toBeGreaterThan(0);
    const sentAt = performance.now();
    const cancel = await fetch(`${b.url}/api/runs/${runId}/cancel`, { method: 'POST' });
    const answeredAfter = performance.now() - sentAt;
    expect(cancel.status).toBe(202);
    await read.until((events) => isTerminal(events.at(-1)), 10_000);
    expect(read.events.at(-1)).toMatchObject({ type: 'run.cancelled', reason: 'cancelled' });
    await waitFor(async () => open.every((r) => r.endedAt !== undefined), Boolean, 10_000);
    const closedAfter = open.map((r) => r.clientClosedAt! - sentAt);
    console.info(
      `[resume] cancel from the other instance: answered in ${answeredAfter.toFixed(0)} ms; upstream closed ${closedAfter.map((ms) => ms.toFixed(0)).join(', ')} ms after the request`,
    );
    expect(open.every((r) => r.clientClosed)).toBe(true);
    expect(Math.max(...closedAfter)).toBeLessThan(1_000);
    const stored = await waitFor(() => storedRun(b.url, conversationId, runId), (run) => run?.status === 'cancelled');
    expect(stored!.events.at(-1)).toMatchObject({ type: 'run.cancelled', reason: 'cancelled' });
  });

  it('keeps a run alive while a follower on the other instance holds it, after its own connection dropped', async () => {
    const { runId, conversationId, read } = await startOn(a.url);
    await read.until(midStage);
    const follower = await openSse(`${b.url}/api/runs/${runId}/events`, { headers: { 'last-event-id': String(read.events.at(-1)!.seq) } });
    read.drop();
    expect(await follower.read.finished).toBe(true);
    expect(follower.read.events.at(-1)!.type).toBe('run.completed');
    const stored = await waitFor(() => storedRun(a.url, conversationId, runId), (run) => run?.status === 'completed');
    expect(stored!.status).toBe('completed');
  });
});
