import { describe, expect, it, vi } from 'vitest';
import type { CouncilEvent } from '@/lib/council/events';
import { MemoryRunFanout } from '@/lib/runs/memory-run-fanout';
import { RedisRunFanout } from '@/lib/runs/redis-run-fanout';
import { openRedisConnection } from '@/lib/redis/redis-connection';
import { redisServerAvailable, startTestRedis, type TestRedis } from '../../support/redis-server';
import { runFanoutContract } from './run-fanout-contract';

runFanoutContract('in-process', async () => {
  const fanout = new MemoryRunFanout();
  return { owner: fanout, other: fanout, remote: false, close: () => fanout.close() };
});

async function connected(url: string) {
  const connection = openRedisConnection({ url, log: () => undefined });
  const deadline = Date.now() + 5_000;
  while (!connection.ready() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  return connection;
}

async function redisPair(redis: TestRedis) {
  const a = await connected(redis.url);
  const b = await connected(redis.url);
  const owner = new RedisRunFanout(a, 'instance-a');
  const other = new RedisRunFanout(b, 'instance-b');
  await Promise.all([owner.ready, other.ready]);
  return {
    owner,
    other,
    remote: true,
    async close() {
      await owner.close();
      await other.close();
      await a.close();
      await b.close();
    },
  };
}

describe.skipIf(!redisServerAvailable())('Redis fan-out', () => {
  let redis: TestRedis;
  runFanoutContract('Redis pub/sub', async () => {
    redis ??= await startTestRedis();
    return redisPair(redis);
  });

  it('keeps going through a Redis outage: publishing never throws, and delivery resumes when Redis is back', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    redis ??= await startTestRedis();
    const pair = await redisPair(redis);
    try {
      const seen: number[] = [];
      await pair.other.subscribe('00000000-0000-4000-8000-0000000000cc', (event) => seen.push(event.seq));
      await redis.stop();
      const event = (seq: number): CouncilEvent => ({
        type: 'member.delta',
        runId: '00000000-0000-4000-8000-0000000000cc',
        seq,
        t: seq,
        stage: 1,
        model: 'm',
        text: 'x',
      });
      expect(() => pair.owner.publish(event(1))).not.toThrow();
      await redis.start();
      const deadline = Date.now() + 10_000;
      // The clients reconnect by themselves and renew the subscription; publish until one gets through.
      for (let seq = 2; seen.length === 0 && Date.now() < deadline; seq += 1) {
        pair.owner.publish(event(seq));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(seen.length).toBeGreaterThan(0);
      expect(seen).not.toContain(1);
    } finally {
      await pair.close();
      await redis.stop();
    }
  }, 30_000);
});
