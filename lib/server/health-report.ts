import 'server-only';
import { parseEnv } from '@/lib/config/env';
import { getRedis } from '@/lib/redis/get-redis';
import { limitsHealth } from '@/lib/limits/get-pipeline-limits';
import { getStore } from '@/lib/store/get-store';
import { checkStoreHealth } from '@/lib/store/store-health';
import type { CouncilService } from './council-service-types';
import { isDraining } from './drain-state';
import { getInstanceId } from './instance-id';

/** GET /api/health's body (DESIGN.md §7). */
export interface HealthReport {
  ok: boolean;
  status: 'ok' | 'draining' | 'degraded';
  instance: string;
  store: { kind: 'sqlite' | 'postgres'; ok: boolean };
  /** Present when REDIS_URL is set. */
  redis?: { ok: boolean };
  /** Where per-key limits and budgets are counted; not ok means limited runs are refused (503, fail closed). */
  limits: { kind: 'memory' | 'redis'; ok: boolean };
  simulated: boolean;
  defaultTier: string;
  tiers: number;
  uptimeSeconds: number;
}

/**
 * Draining wins (the load balancer must stop sending); then degraded when the store or Redis is unreachable
 * (the instance still serves: runs go on unrecorded, limiter and breakers on local state).
 */
export async function healthReport(service: CouncilService): Promise<HealthReport> {
  const env = parseEnv();
  const store = await checkStoreHealth(getStore, env.DATABASE_URL ? 'postgres' : 'sqlite');
  const redis = env.REDIS_URL ? { ok: getRedis()?.ready() ?? false } : undefined;
  const limits = limitsHealth();
  const status = isDraining() ? 'draining' : store.ok && (redis?.ok ?? true) && limits.ok ? 'ok' : 'degraded';
  return {
    ok: status !== 'draining',
    status,
    instance: getInstanceId(),
    store,
    ...(redis ? { redis } : {}),
    limits,
    simulated: service.simulated,
    defaultTier: service.defaultTier,
    tiers: service.tiers().length,
    uptimeSeconds: Math.round(process.uptime()),
  };
}
