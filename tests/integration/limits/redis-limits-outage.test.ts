import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisRunAdmission } from '@/lib/limits/create-run-admission';
import { openRedisConnection, type RedisConnection } from '@/lib/redis/redis-connection';
import { keyIdentity } from '../../support/limits/key-identity';
import { redisServerAvailable, startTestRedis, type TestRedis } from '../../support/redis-server';

const available = redisServerAvailable();
if (!available && process.env.CI) throw new Error('redis-server is required in CI (.ci/run installs it).');

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(!available)('per-key limits in Redis', () => {
  let redis: TestRedis;
  let first: RedisConnection;
  let second: RedisConnection;

  beforeAll(async () => {
    redis = await startTestRedis();
    const open = () => openRedisConnection({ url: redis.url, maxReconnectDelayMs: 100, log: () => undefined });
    first = open();
    second = open();
    await until(() => first.ready() && second.ready());
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await redis?.stop();
  });

  it('holds one key’s limits across two instances (two connections, one Redis)', async () => {
    const prefix = `test:${randomUUID()}`;
    const a = createRedisRunAdmission(first, { defaults: {}, prefix });
    const b = createRedisRunAdmission(second, { defaults: {}, prefix });
    const identity = keyIdentity({ concurrent: 3, dailyUsd: 10 });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).admit({ identity, tier: 't', worstCaseUsd: 1 })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    const usage = await b.usage(identity);
    expect(usage).toMatchObject({ inFlight: 3, day: { reservedUsd: 3 } });
  });

  it('refuses limited runs with 503 limits_unavailable while Redis is down, lets unlimited ones in, and recovers by itself', async () => {
    const logs: string[] = [];
    const admission = createRedisRunAdmission(first, { defaults: {}, prefix: `test:${randomUUID()}`, log: (m) => logs.push(m) });
    const limited = keyIdentity({ rpm: 100, dailyUsd: 5 });
    const budgetOnly = keyIdentity({ dailyUsd: 5 });
    const unlimited = keyIdentity();
    const running = await admission.admit({ identity: budgetOnly, tier: 't', worstCaseUsd: 1 });
    expect(running.ok).toBe(true);

    await redis.stop();
    await until(() => !first.ready());
    expect(admission.health()).toEqual({ kind: 'redis', ok: false });
    for (const identity of [limited, budgetOnly]) {
      const refused = await admission.admit({ identity, tier: 't', worstCaseUsd: 0.1 });
      expect(refused.ok ? null : refused.refusal).toMatchObject({ status: 503, code: 'limits_unavailable' });
      expect(refused.ok ? 0 : refused.refusal.retryAfterSeconds).toBeGreaterThan(0);
    }
    expect((await admission.admit({ identity: unlimited, tier: 't', worstCaseUsd: 1 })).ok).toBe(true);
    await expect(admission.usage(limited)).rejects.toThrow();
    // A run ending during the outage does not fail its stream: the settlement is retried in the background.
    if (running.ok) await running.admission.settle(0.5);
    expect(logs.some((line) => /retrying in the background/.test(line))).toBe(true);

    await redis.start();
    await until(() => first.ready());
    expect(admission.health()).toEqual({ kind: 'redis', ok: true });
    const back = await admission.admit({ identity: limited, tier: 't', worstCaseUsd: 0.1 });
    expect(back.ok).toBe(true);
  });
});
