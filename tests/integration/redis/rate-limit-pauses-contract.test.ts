/**
 * The rate limiter's shared view under a string key: one contract for the in-process pauses and the Redis ones,
 * then the limiter around them: a 429 seen by one instance holds the other back, and a Redis outage leaves
 * each instance with what it saw itself.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelCallError } from '@/lib/council/model-call-error';
import { LocalRateLimitPauses, ProviderLimiter, SharedViewLimiter, type RateLimitPauses } from '@/lib/providers/resilience';
import { openRedisConnection, type RedisConnection } from '@/lib/redis/redis-connection';
import { RedisRateLimitPauses } from '@/lib/redis/redis-rate-limit-pauses';
import { redisServerAvailable, startTestRedis, type TestRedis } from '../../support/redis-server';

const available = redisServerAvailable();
if (!available && process.env.CI) throw new Error('redis-server is required in CI (.ci/run installs it).');

let redis: TestRedis | undefined;
const connections: RedisConnection[] = [];
async function connection(): Promise<RedisConnection> {
  const c = openRedisConnection({ url: redis!.url, maxReconnectDelayMs: 100, log: () => undefined });
  connections.push(c);
  await expect.poll(() => c.ready(), { timeout: 5_000, interval: 20 }).toBe(true);
  return c;
}
beforeAll(async () => {
  if (available) redis = await startTestRedis();
});
afterAll(async () => {
  for (const c of connections) await c.close();
  await redis?.stop();
});

const implementations: [string, () => Promise<RateLimitPauses>, boolean][] = [
  ['in-process', async () => new LocalRateLimitPauses(), true],
  ['Redis', async () => new RedisRateLimitPauses(await connection(), `test:${randomUUID()}:`), available],
];

for (const [name, make, enabled] of implementations) {
  describe.skipIf(!enabled)(`rate-limit pauses contract: ${name}`, () => {
    it('keeps the latest pause per key and forgets it once passed', async () => {
      const pauses = await make();
      const until = Date.now() + 400;
      pauses.pause('a', until);
      pauses.pause('a', until - 300); // an earlier one changes nothing
      await expect.poll(() => pauses.pausedUntil('a'), { timeout: 1_000, interval: 10 }).toBe(until);
      expect(await pauses.pausedUntil('b')).toBeLessThanOrEqual(Date.now());
      await new Promise((resolve) => setTimeout(resolve, 450));
      expect(await pauses.pausedUntil('a')).toBeLessThanOrEqual(Date.now());
    });
  });
}

const tooMany = { status: 429, headers: new Headers({ 'retry-after': '1' }) };

describe.skipIf(!available)('the limiter\'s view shared through Redis', () => {
  it('a 429 seen by one instance holds the other back, and refuses when the hold is beyond its budget', async () => {
    const prefix = `test:${randomUUID()}:`;
    const a = new SharedViewLimiter(new ProviderLimiter(), new RedisRateLimitPauses(await connection(), prefix), 'openrouter');
    const b = new SharedViewLimiter(new ProviderLimiter(), new RedisRateLimitPauses(await connection(), prefix), 'openrouter');
    a.observe(tooMany);
    await expect.poll(async () => {
      try {
        await b.acquire(undefined, { maxWaitMs: 100 });
        return 'went';
      } catch (error) {
        return error instanceof ModelCallError ? error.reason : 'other';
      }
    }, { timeout: 1_000, interval: 10 }).toBe('rate_limited');
    const started = Date.now();
    await b.acquire(undefined, { maxWaitMs: 5_000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('goes on with local state while Redis is down', async () => {
    const prefix = `test:${randomUUID()}:`;
    const a = new SharedViewLimiter(new ProviderLimiter(), new RedisRateLimitPauses(await connection(), prefix), 'p');
    const b = new SharedViewLimiter(new ProviderLimiter(), new RedisRateLimitPauses(await connection(), prefix), 'p');
    await redis!.stop();
    try {
      a.observe(tooMany);
      await expect(a.acquire(undefined, { maxWaitMs: 100 })).rejects.toMatchObject({ reason: 'rate_limited' });
      await b.acquire(undefined, { maxWaitMs: 100 }); // b never saw it: it goes at once
    } finally {
      await redis!.start();
    }
  });
});
