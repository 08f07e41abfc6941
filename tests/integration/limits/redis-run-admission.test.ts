import { randomUUID } from 'node:crypto';
import { openRedisConnection, type RedisConnection } from '@/lib/redis/redis-connection';
import { createRedisRunAdmission } from '@/lib/limits/create-run-admission';
import { describe } from 'vitest';
import { redisServerAvailable, startTestRedis } from '../../support/redis-server';
import { runAdmissionContract } from './run-admission-contract';

const available = redisServerAvailable();
if (!available && process.env.CI) throw new Error('redis-server is required in CI (.ci/run installs it).');

describe.skipIf(!available)('Redis', () => {
  runAdmissionContract('redis', async () => {
    const redis = await startTestRedis();
    const connection: RedisConnection = openRedisConnection({ url: redis.url, log: () => undefined });
    await waitReady(connection);
    return {
      // A fresh prefix per admission: state of one test never leaks into the next.
      make: (options) => createRedisRunAdmission(connection, { ...options, prefix: `test:${randomUUID()}` }),
      async close() {
        await connection.close();
        await redis.stop();
      },
    };
  });
});

async function waitReady(connection: RedisConnection): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!connection.ready()) {
    if (Date.now() > deadline) throw new Error('Redis not ready');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
