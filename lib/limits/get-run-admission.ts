import 'server-only';
import type { KeyLimits } from '@/lib/access/identity';
import { getRedis } from '@/lib/redis/get-redis';
import { createMemoryRunAdmission, createRedisRunAdmission } from './create-run-admission';
import type { KeyLimitsAdmission, LimitsHealth } from './key-limits-admission';

/** Kept on globalThis like the store: one ledger per process, whichever route bundle asks first. */
const ADMISSION_KEY = Symbol.for('quorum.runAdmission');
type Holder = { [ADMISSION_KEY]?: KeyLimitsAdmission };

/**
 * The one wiring point of per-key limits: Redis (shared by every instance) when REDIS_URL is set, else this
 * process's memory. `defaults` is the config file's `limits`, read once with the config.
 */
export function getRunAdmission(defaults: KeyLimits): KeyLimitsAdmission {
  const holder = globalThis as Holder;
  if (!holder[ADMISSION_KEY]) {
    const redis = getRedis();
    holder[ADMISSION_KEY] = redis ? createRedisRunAdmission(redis, { defaults }) : createMemoryRunAdmission({ defaults });
  }
  return holder[ADMISSION_KEY];
}

/** For /api/health: which store holds the per-key limits and whether it answers (false: limited runs get 503). */
export function limitsHealth(): LimitsHealth {
  const redis = getRedis();
  return redis ? { kind: 'redis', ok: redis.ready() } : { kind: 'memory', ok: true };
}
