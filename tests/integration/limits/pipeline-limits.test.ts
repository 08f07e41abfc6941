import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RunCancellation } from '@/lib/council/run-cancellation';
import { createMemoryRunAdmission, createRedisRunAdmission } from '@/lib/limits/create-run-admission';
import type { KeyLimitsAdmission } from '@/lib/limits/key-limits-admission';
import { openRedisConnection, type RedisConnection } from '@/lib/redis/redis-connection';
import { refusalResponse } from '@/lib/server/refusal';
import { keyIdentity } from '../../support/limits/key-identity';
import { drain, limitedCouncil, spentOf } from '../../support/limits/limited-council';
// The pipeline is server-only; vitest runs it in plain Node.
vi.mock('server-only', () => ({}));
import { redisServerAvailable, startTestRedis, type TestRedis } from '../../support/redis-server';

const available = redisServerAvailable();
if (!available && process.env.CI) throw new Error('redis-server is required in CI (.ci/run installs it).');

/** The pipeline suite, run over each implementation. */
function pipelineSuite(name: string, make: () => KeyLimitsAdmission) {
  describe(`startCouncilRun under per-key limits (${name})`, () => {
    it('lets 20 concurrent runs spend at most the budget: as many as their worst cases fit, the rest 429 budget_exhausted', async () => {
      const admission = make();
      const council = limitedCouncil(admission);
      try {
        const worstCase = council.worstCaseUsd('How do budgets stay safe?');
        expect(worstCase).toBeGreaterThan(0);
        const budget = worstCase * 3.5;
        const identity = keyIdentity({ dailyUsd: budget, monthlyUsd: budget * 10 });
        const started = await Promise.all(Array.from({ length: 20 }, () => council.start(identity)));
        const admitted = started.flatMap((result) => (result.ok ? [result.run] : []));
        const refused = started.flatMap((result) => (result.ok ? [] : [result.refusal]));
        expect(admitted).toHaveLength(3);
        expect(refused).toHaveLength(17);
        for (const refusal of refused) expect(refusal).toMatchObject({ status: 429, code: 'budget_exhausted' });

        const runs = await Promise.all(admitted.map((run) => drain(run.events)));
        const spent = runs.map(spentOf);
        for (const events of runs) {
          expect(events.at(-1)?.type).toBe('run.completed');
          // The flaky member's attempts failed after streaming a little: they are paid for and reported.
          const failed = events.filter((e) => e.type === 'member.retrying' || e.type === 'member.failed');
          expect(failed.length).toBeGreaterThan(0);
          for (const event of failed) expect('costUsd' in event && (event.costUsd ?? 0) > 0).toBe(true);
        }
        const usage = await admission.usage(identity);
        if (!usage.limited) throw new Error('expected a limited key');
        expect(usage.inFlight).toBe(0);
        expect(usage.day.reservedUsd).toBe(0);
        // Settled = what the events report, never more than the budget.
        expect(usage.day.spentUsd).toBeCloseTo(spent.reduce((a, b) => a + b, 0), 5);
        expect(usage.day.spentUsd).toBeLessThanOrEqual(budget);
        for (const cost of spent) expect(cost).toBeLessThanOrEqual(worstCase);
      } finally {
        await council.close();
      }
    });

    it('holds `concurrent` runs in flight (429 too_many_runs) and frees a slot when a run ends', async () => {
      const admission = make();
      const council = limitedCouncil(admission);
      try {
        const identity = keyIdentity({ concurrent: 3 });
        const started = await Promise.all(Array.from({ length: 20 }, () => council.start(identity)));
        const admitted = started.flatMap((result) => (result.ok ? [result.run] : []));
        expect(admitted).toHaveLength(3);
        expect(started.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.refusal.code))).toEqual(Array(17).fill('too_many_runs'));
        await drain(admitted[0].events);
        const next = await council.start(identity);
        expect(next.ok).toBe(true);
        await Promise.all([...admitted.slice(1), ...(next.ok ? [next.run] : [])].map((run) => drain(run.events)));
      } finally {
        await council.close();
      }
    });

    it('counts a started run against the rate even if it is cancelled (429 rate_limited after rpm)', async () => {
      const admission = make();
      const council = limitedCouncil(admission);
      try {
        const identity = keyIdentity({ rpm: 4 });
        const started = await Promise.all(Array.from({ length: 20 }, () => council.start(identity)));
        const admitted = started.flatMap((result) => (result.ok ? [result.run] : []));
        expect(admitted).toHaveLength(4);
        for (const run of admitted) run.cancel(new RunCancellation('cancelled'));
        await Promise.all(admitted.map((run) => drain(run.events)));
        const again = await council.start(identity);
        expect(again.ok ? null : again.refusal.code).toBe('rate_limited');
      } finally {
        await council.close();
      }
    });

    it('answers a refusal as 429 with Retry-After and { error, code, retryAfterSeconds }', async () => {
      const admission = make();
      const council = limitedCouncil(admission);
      try {
        const refused = await council.start(keyIdentity({ dailyUsd: 0 }));
        if (refused.ok) throw new Error('expected a refusal');
        const response = refusalResponse(refused.refusal);
        expect(response.status).toBe(429);
        const retryAfter = Number(response.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThanOrEqual(1);
        expect(retryAfter).toBeLessThanOrEqual(86_400);
        const body = (await response.json()) as Record<string, unknown>;
        expect(body).toMatchObject({ code: 'budget_exhausted', retryAfterSeconds: retryAfter });
        expect(body.error).toMatch(/daily budget of \$0\.00.*renews at \d{4}-\d\d-\d\dT00:00:00Z/);
      } finally {
        await council.close();
      }
    });
  });
}

pipelineSuite('memory', () => createMemoryRunAdmission({ defaults: {} }));

describe.skipIf(!available)('Redis', () => {
  let redis: TestRedis;
  let connection: RedisConnection;
  beforeAll(async () => {
    redis = await startTestRedis();
    connection = openRedisConnection({ url: redis.url, maxReconnectDelayMs: 100, log: () => undefined });
    const deadline = Date.now() + 5_000;
    while (!connection.ready() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  });
  afterAll(async () => {
    await connection?.close();
    await redis?.stop();
  });
  pipelineSuite('redis', () => createRedisRunAdmission(connection, { defaults: {}, prefix: `test:${randomUUID()}` }));

  it('refuses a limited run with 503 limits_unavailable while Redis is down, and runs it once Redis is back', async () => {
    const council = limitedCouncil(createRedisRunAdmission(connection, { defaults: {}, prefix: `test:${randomUUID()}` }));
    try {
      const identity = keyIdentity({ dailyUsd: 100 });
      await redis.stop();
      const down = await council.start(identity);
      expect(down.ok ? null : down.refusal).toMatchObject({ status: 503, code: 'limits_unavailable' });
      const response = down.ok ? null : refusalResponse(down.refusal);
      expect(response?.status).toBe(503);
      expect(Number(response?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      await redis.start();
      const deadline = Date.now() + 10_000;
      while (!connection.ready() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      const back = await council.start(identity);
      expect(back.ok).toBe(true);
      if (back.ok) expect((await drain(back.run.events)).at(-1)?.type).toBe('run.completed');
    } finally {
      await council.close();
    }
  });
});

describe('settling what a run really cost', () => {
  it('settles at nothing a run whose client gave up before reading any event, freeing its slot', async () => {
    const admission = createMemoryRunAdmission({ defaults: {} });
    const council = limitedCouncil(admission);
    try {
      const identity = keyIdentity({ concurrent: 1, dailyUsd: 100 });
      const first = await council.start(identity);
      if (!first.ok) throw new Error('expected a run');
      await first.run.events[Symbol.asyncIterator]().return?.();
      expect(await admission.usage(identity)).toMatchObject({ inFlight: 0, day: { spentUsd: 0, reservedUsd: 0 } });
      const second = await council.start(identity);
      expect(second.ok).toBe(true);
      if (second.ok) await drain(second.run.events);
    } finally {
      await council.close();
    }
  });

  it('counts the calls cut after the client stopped reading, which its events never showed', async () => {
    const admission = createMemoryRunAdmission({ defaults: {} });
    const council = limitedCouncil(admission);
    try {
      const identity = keyIdentity({ dailyUsd: 100 });
      const started = await council.start(identity);
      if (!started.ok) throw new Error('expected a run');
      const iterator = started.run.events[Symbol.asyncIterator]();
      const seen = [];
      // Read until the first member has streamed a little, then leave, as a closed browser tab does.
      for (;;) {
        const next = await iterator.next();
        if (next.done) throw new Error('the run ended too soon');
        seen.push(next.value);
        if (next.value.type === 'member.delta') break;
      }
      await iterator.return?.();
      const usage = await admission.usage(identity);
      if (!usage.limited) throw new Error('expected a limited key');
      expect(usage.inFlight).toBe(0);
      expect(spentOf(seen)).toBe(0);
      // The members cut mid-answer were paid for: prompts and partial text.
      expect(usage.day.spentUsd).toBeGreaterThan(0);
      expect(usage.day.spentUsd).toBeLessThanOrEqual(council.worstCaseUsd('How do budgets stay safe?'));
    } finally {
      await council.close();
    }
  });
});
