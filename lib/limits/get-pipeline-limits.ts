import 'server-only';
import type { ResolvedConfig } from '@/lib/config/resolved-config';
import { getRedis } from '@/lib/redis/get-redis';
import { createMemoryRunAdmission, createRedisRunAdmission } from './create-run-admission';
import type { KeyLimitsAdmission, LimitsHealth } from './key-limits-admission';
import { worstCaseEstimator, type WorstCaseEstimate } from './run-worst-case';

/** What the council pipeline needs from the limits: the admission and the worst case it reserves. */
export interface PipelineLimits {
  admission: KeyLimitsAdmission;
  worstCaseUsd: WorstCaseEstimate;
}

/**
 * Kept on globalThis like the store and the service: every route bundle of the process shares one ledger. Built
 * again only if the service's config object changes (tests that load a new config).
 */
const LIMITS_KEY = Symbol.for('quorum.pipelineLimits');
type Holder = { [LIMITS_KEY]?: { config: ResolvedConfig; limits: PipelineLimits } };

/**
 * The one wiring point of per-key limits: Redis (shared by every instance) when REDIS_URL is set, else this
 * process's memory; the config file's `limits` as every key's defaults.
 */
export function getPipelineLimits(config: ResolvedConfig): PipelineLimits {
  const holder = globalThis as Holder;
  const held = holder[LIMITS_KEY];
  if (held && held.config === config) return held.limits;
  const redis = getRedis();
  const options = { defaults: config.limits };
  const limits: PipelineLimits = {
    admission: redis ? createRedisRunAdmission(redis, options) : createMemoryRunAdmission(options),
    worstCaseUsd: worstCaseEstimator(config),
  };
  holder[LIMITS_KEY] = { config, limits };
  return limits;
}

/** For /api/health: which store holds the per-key limits and whether it answers (false: limited runs get 503). */
export function limitsHealth(): LimitsHealth {
  const redis = getRedis();
  return redis ? { kind: 'redis', ok: redis.ready() } : { kind: 'memory', ok: true };
}
