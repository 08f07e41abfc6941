/**
 * One contract for both circuit breakers (the in-process one and the Redis-shared one), then what only the
 * shared one promises: a circuit opened through one instance is open in the other, one half-open probe across
 * both, and local fallback while Redis is down, recovering by itself.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelCallError } from '@/lib/council/model-call-error';
import { CircuitBreaker, type CircuitBreakerOptions, type CircuitGate } from '@/lib/providers/resilience';
import { openRedisConnection, type RedisConnection } from '@/lib/redis/redis-connection';
import { SharedCircuitBreaker } from '@/lib/redis/shared-circuit-breaker';
import { redisServerAvailable, startTestRedis, type TestRedis } from '../../support/redis-server';

const available = redisServerAvailable();
if (!available && process.env.CI) throw new Error('redis-server is required in CI (.ci/run installs it).');

const OPTIONS: CircuitBreakerOptions = { failureThreshold: 3, failureRatio: 0.99, minimumCalls: 100, windowMs: 60_000, cooldownMs: 300 };
const failure = new ModelCallError({ reason: 'http_500', message: 'boom' });
const neutral = new ModelCallError({ reason: 'cancelled', message: 'stop' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function refused(gate: CircuitGate): Promise<boolean> {
  try {
    (await gate.admit()).release();
    return false;
  } catch (error) {
    if (error instanceof ModelCallError && error.reason === 'circuit_open') return true;
    throw error;
  }
}

async function failTimes(gate: CircuitGate, n: number, error = failure) {
  for (let i = 0; i < n; i++) (await gate.admit()).fail(error);
}

let redis: TestRedis | undefined;
const connections: RedisConnection[] = [];
async function connection(): Promise<RedisConnection> {
  const c = openRedisConnection({ url: redis!.url, maxReconnectDelayMs: 100, log: () => undefined });
  connections.push(c);
  for (let i = 0; i < 250 && !c.ready(); i++) await sleep(20);
  return c;
}

beforeAll(async () => {
  if (available) redis = await startTestRedis();
});
afterAll(async () => {
  for (const c of connections) await c.close();
  await redis?.stop();
});

type Factory = () => Promise<CircuitGate>;
const implementations: [string, Factory, boolean][] = [
  ['in-process', async () => new CircuitBreaker({ ...OPTIONS, name: 'm' }), true],
  ['Redis-shared', async () => new SharedCircuitBreaker(await connection(), new CircuitBreaker(OPTIONS), { ...OPTIONS, name: `m-${randomUUID()}` }), available],
];

for (const [name, make, enabled] of implementations) {
  describe.skipIf(!enabled)(`circuit breaker contract: ${name}`, () => {
    it('opens after the threshold of consecutive failures and refuses with circuit_open', async () => {
      const gate = await make();
      await failTimes(gate, 2);
      expect(await refused(gate)).toBe(false);
      await failTimes(gate, 1);
      await expect.poll(() => refused(gate), { timeout: 2_000, interval: 10 }).toBe(true);
    });

    it('does not count neutral outcomes, and a success resets the count', async () => {
      const gate = await make();
      await failTimes(gate, 5, neutral);
      await failTimes(gate, 2);
      (await gate.admit()).succeed();
      await failTimes(gate, 2);
      expect(await refused(gate)).toBe(false);
    });

    it('lets exactly one probe through after the cooldown; its success closes, its failure reopens', async () => {
      const gate = await make();
      await failTimes(gate, 3);
      await expect.poll(() => refused(gate), { timeout: 2_000, interval: 10 }).toBe(true);
      await sleep(OPTIONS.cooldownMs + 50);
      const probe = await gate.admit();
      expect(await refused(gate)).toBe(true);
      probe.fail(failure);
      await expect.poll(() => refused(gate), { timeout: 2_000, interval: 10 }).toBe(true);
      await sleep(OPTIONS.cooldownMs + 50);
      (await gate.admit()).succeed();
      await expect.poll(() => refused(gate), { timeout: 2_000, interval: 10 }).toBe(false);
    });

    it('frees the probe slot when the probe ends without a verdict', async () => {
      const gate = await make();
      await failTimes(gate, 3);
      await sleep(OPTIONS.cooldownMs + 50);
      (await gate.admit()).release();
      await expect.poll(async () => {
        try {
          const ticket = await gate.admit();
          ticket.release();
          return true;
        } catch {
          return false;
        }
      }, { timeout: 2_000, interval: 10 }).toBe(true);
    });
  });
}

describe.skipIf(!available)('Redis-shared circuit breaker across instances', () => {
  async function pair() {
    const model = `shared-${randomUUID()}`;
    const a = new SharedCircuitBreaker(await connection(), new CircuitBreaker(OPTIONS), { ...OPTIONS, name: model });
    const b = new SharedCircuitBreaker(await connection(), new CircuitBreaker(OPTIONS), { ...OPTIONS, name: model });
    return { a, b };
  }

  it('a circuit opened by one instance\'s failures is open in the other', async () => {
    const { a, b } = await pair();
    await failTimes(a, 3);
    await expect.poll(() => refused(b), { timeout: 1_000, interval: 10 }).toBe(true);
  });

  it('counts failures from both instances together', async () => {
    const { a, b } = await pair();
    await failTimes(a, 2);
    await failTimes(b, 1);
    await expect.poll(() => refused(a), { timeout: 1_000, interval: 10 }).toBe(true);
  });

  it('lets one half-open probe through across instances', async () => {
    const { a, b } = await pair();
    await failTimes(a, 3);
    await sleep(OPTIONS.cooldownMs + 50);
    const admitted = await Promise.allSettled([a.admit(), b.admit(), a.admit(), b.admit()]);
    expect(admitted.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('falls back to its local breaker while Redis is down and shares again once it is back', async () => {
    const { a, b } = await pair();
    await redis!.stop();
    try {
      // Local state only: b's local breaker has seen nothing of a's failures.
      await failTimes(a, 3);
      expect(await refused(a)).toBe(true);
      expect(await refused(b)).toBe(false);
    } finally {
      await redis!.start();
    }
    await expect.poll(() => connections.every((c) => c.ready()), { timeout: 5_000, interval: 20 }).toBe(true);
    const model = `after-${randomUUID()}`;
    const c = new SharedCircuitBreaker(connections[0], new CircuitBreaker(OPTIONS), { ...OPTIONS, name: model });
    const d = new SharedCircuitBreaker(connections[1], new CircuitBreaker(OPTIONS), { ...OPTIONS, name: model });
    await failTimes(c, 3);
    await expect.poll(() => refused(d), { timeout: 1_000, interval: 10 }).toBe(true);
  });
});
