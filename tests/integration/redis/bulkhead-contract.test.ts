/**
 * Per-provider in-flight limits: one contract for the in-process Bulkhead and the Redis-shared one, then what
 * only sharing promises: two instances together never exceed the provider's maxConcurrent, and with Redis down
 * each instance falls back to its own limit and keeps serving.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bulkhead, SharedBulkhead, type ProviderBulkhead } from '@/lib/providers/resilience';
import { openRedisConnection, type RedisConnection } from '@/lib/redis/redis-connection';
import { RedisInFlightSlots } from '@/lib/redis/redis-in-flight-slots';
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the calls (hold times in ms) through the bulkheads round-robin; returns the most seen in flight at once. */
async function peakInFlight(bulkheads: ProviderBulkhead[], holds: number[]): Promise<number> {
  let inFlight = 0;
  let peak = 0;
  await Promise.all(
    holds.map(async (ms, i) => {
      const release = await bulkheads[i % bulkheads.length].acquire();
      peak = Math.max(peak, ++inFlight);
      await sleep(ms);
      inFlight--;
      release();
    }),
  );
  return peak;
}

const MAX = 3;
const implementations: [string, () => Promise<ProviderBulkhead>, boolean][] = [
  ['in-process', async () => new Bulkhead({ maxConcurrent: MAX, maxQueue: 100 }), true],
  [
    'Redis-shared',
    async () => new SharedBulkhead(new Bulkhead({ maxConcurrent: MAX, maxQueue: 100 }), new RedisInFlightSlots(await connection(), `test:${randomUUID()}:`), 'p', MAX),
    available,
  ],
];

for (const [name, make, enabled] of implementations) {
  describe.skipIf(!enabled)(`provider bulkhead contract: ${name}`, () => {
    it('never has more than maxConcurrent in flight and serves every call', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 1, maxLength: 12 }), async (holds) => {
          const peak = await peakInFlight([await make()], holds);
          expect(peak).toBeLessThanOrEqual(MAX);
          expect(peak).toBe(Math.min(MAX, holds.length));
        }),
        { numRuns: 15 },
      );
    });

    it('lets a waiting call go when its caller aborts', async () => {
      const bulkhead = await make();
      const releases = await Promise.all(Array.from({ length: MAX }, () => bulkhead.acquire()));
      const controller = new AbortController();
      const waiting = bulkhead.acquire(controller.signal);
      controller.abort();
      await expect(waiting).rejects.toMatchObject({ reason: 'cancelled' });
      for (const release of releases) release();
      (await bulkhead.acquire())();
    });
  });
}

describe.skipIf(!available)('in-flight slots shared through Redis', () => {
  it('two instances together never exceed the provider\'s maxConcurrent', async () => {
    const key = `test:${randomUUID()}:`;
    const make = async () => new SharedBulkhead(new Bulkhead({ maxConcurrent: MAX, maxQueue: 100 }), new RedisInFlightSlots(await connection(), key), 'p', MAX);
    const pair = [await make(), await make()];
    // Alone, each could hold MAX: together they must share MAX.
    expect(await peakInFlight(pair, Array.from({ length: 16 }, () => 20))).toBe(MAX);
  });

  it('falls back to each instance\'s own limit while Redis is down', async () => {
    const key = `test:${randomUUID()}:`;
    const make = async () => new SharedBulkhead(new Bulkhead({ maxConcurrent: MAX, maxQueue: 100 }), new RedisInFlightSlots(await connection(), key), 'p', MAX);
    const pair = [await make(), await make()];
    await redis!.stop();
    try {
      expect(await peakInFlight(pair, Array.from({ length: 16 }, () => 20))).toBe(2 * MAX);
    } finally {
      await redis!.start();
    }
  });
});
