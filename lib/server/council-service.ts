import 'server-only';
import { loadConfig } from '@/lib/config/load-config';
import { createPooledFetch } from '@/lib/providers/http/pooled-fetch';
import { getRedis } from '@/lib/redis/get-redis';
import { createCouncilService } from './create-council-service';
import type { CouncilService } from './council-service-types';

export type { CouncilService, StartRunOptions, StartedRun, TierSummary } from './council-service-types';
export { UnknownTierError } from './council-service-types';

/**
 * Kept on globalThis rather than in a module variable: route bundles and dev-mode reloads may each
 * evaluate this module, and every run must share the same limiters, bulkheads and circuit breakers.
 */
export const COUNCIL_SERVICE_KEY = Symbol.for('quorum.councilService');
type Holder = { [COUNCIL_SERVICE_KEY]?: CouncilService };

/**
 * The process's one CouncilService, built on first use from the environment and QUORUM_CONFIG.
 * Throws ConfigError (naming the field or variable, never a key) when the configuration is invalid;
 * nothing is cached then, so the next call tries again.
 */
export function getCouncilService(): CouncilService {
  const holder = globalThis as Holder;
  // The SDKs get our node:http keep-alive pool rather than the global fetch: inside `next start` the global
  // one is Next's patched fetch (tracing context, body tee) over undici web streams, and a CPU profile
  // under 50 councils showed that path, not the SDKs' parsing, as the largest cost per upstream call.
  holder[COUNCIL_SERVICE_KEY] ??= createCouncilService(loadConfig(), { redis: getRedis(), fetch: createPooledFetch().fetch });
  return holder[COUNCIL_SERVICE_KEY];
}
