import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { KeyLimits } from '@/lib/access/identity';
import type { RedisConnection } from '@/lib/redis/redis-connection';
import { KeyLimitsAdmission } from './key-limits-admission';
import { MemoryLimitsLedger } from './memory-limits-ledger';
import { RedisLimitsLedger } from './redis-limits-ledger';

export interface RunAdmissionOptions {
  defaults: KeyLimits;
  now?: () => number;
  holdMs?: number;
  timeoutMs?: number;
  log?: (message: string) => void;
}

/** One process's limits: runs per minute in rate-limiter-flexible's memory limiter, the rest in a memory ledger. */
export function createMemoryRunAdmission(options: RunAdmissionOptions): KeyLimitsAdmission {
  return new KeyLimitsAdmission({
    ...options,
    kind: 'memory',
    ledger: new MemoryLimitsLedger(),
    rateLimiter: (rpm) => new RateLimiterMemory({ points: rpm, duration: 60, keyPrefix: `quorum-rpm-${rpm}` }),
  });
}

/**
 * Limits shared by every instance: runs per minute in rate-limiter-flexible's Redis limiter (its own atomic
 * script), runs in flight and budgets in the Redis ledger. No insurance limiter: while Redis is away, limited
 * runs are refused (fail closed), and the connection's own reconnects bring them back.
 */
export function createRedisRunAdmission(
  redis: RedisConnection,
  options: RunAdmissionOptions & { prefix?: string },
): KeyLimitsAdmission {
  const prefix = options.prefix ?? 'quorum:limits';
  return new KeyLimitsAdmission({
    ...options,
    kind: 'redis',
    ledger: new RedisLimitsLedger(redis.client, prefix),
    ready: () => redis.ready(),
    rateLimiter: (rpm) =>
      new RateLimiterRedis({
        storeClient: redis.client,
        useRedisPackage: true,
        points: rpm,
        duration: 60,
        keyPrefix: `${prefix}:rpm:${rpm}`,
      }),
  });
}
