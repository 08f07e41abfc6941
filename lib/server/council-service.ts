import 'server-only';
import { loadConfig } from '@/lib/config/load-config';
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
  holder[COUNCIL_SERVICE_KEY] ??= createCouncilService(loadConfig(), { redis: getRedis() });
  return holder[COUNCIL_SERVICE_KEY];
}
