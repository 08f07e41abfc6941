import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRedisConnection, type RedisConnection } from '@/lib/redis/redis-connection';
import { redisServerAvailable, startTestRedis, type TestRedis } from '../../support/redis-server';
import { requireService } from '../../support/require-service';

const hasRedis = await requireService(
  'Redis',
  () => (redisServerAvailable() ? null : 'redis-server is not on the PATH'),
  'install redis-server (Debian: apt-get install redis-server)',
);

describe.skipIf(!hasRedis)('Redis connection', () => {
  let redis: TestRedis;
  let connection: RedisConnection;
  const logs: string[] = [];

  beforeAll(async () => {
    redis = await startTestRedis();
    connection = openRedisConnection({ url: redis.url, maxReconnectDelayMs: 100, log: (m) => logs.push(m) });
  });
  afterAll(async () => {
    await connection?.close();
    await redis?.stop();
  });

  async function until(condition: () => boolean, timeoutMs = 5_000) {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('fails commands at once while Redis is down, then recovers by itself', async () => {
    await until(() => connection.ready());
    await connection.client.set('k', 'v');
    await redis.stop();
    await until(() => !connection.ready());
    const started = Date.now();
    await expect(connection.client.get('k')).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(500);
    await redis.start();
    await until(() => connection.ready());
    expect(await connection.client.ping()).toBe('PONG');
    expect(logs.some((line) => /unreachable/.test(line))).toBe(true);
    expect(logs.join('\n')).not.toContain(redis.url);
  });
});
