import 'server-only';
import { parseEnv } from '@/lib/config/env';
import { getRedis } from '@/lib/redis/get-redis';
import { getStore } from '@/lib/store/get-store';
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
  simulated: boolean;
  defaultTier: string;
  tiers: number;
  uptimeSeconds: number;
}

/** A health check must answer even when the database hangs. */
const STORE_CHECK_TIMEOUT_MS = 2_000;

/**
 * Draining wins (the load balancer must stop sending); then degraded when the store or Redis is unreachable
 * (the instance still serves: runs go on unrecorded, limiter and breakers on local state).
 */
export async function healthReport(service: CouncilService): Promise<HealthReport> {
  const env = parseEnv();
  const storeOk = await storeReachable();
  const redis = env.REDIS_URL ? { ok: getRedis()?.ready() ?? false } : undefined;
  const status = isDraining() ? 'draining' : storeOk && (redis?.ok ?? true) ? 'ok' : 'degraded';
  return {
    ok: status !== 'draining',
    status,
    instance: getInstanceId(),
    store: { kind: env.DATABASE_URL ? 'postgres' : 'sqlite', ok: storeOk },
    ...(redis ? { redis } : {}),
    simulated: service.simulated,
    defaultTier: service.defaultTier,
    tiers: service.tiers().length,
    uptimeSeconds: Math.round(process.uptime()),
  };
}

async function storeReachable(): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = getStore()
    .then((store) => store.getConversation('health-check'))
    .then(() => true)
    .catch(() => false);
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), STORE_CHECK_TIMEOUT_MS)));
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
