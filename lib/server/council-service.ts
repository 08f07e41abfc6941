import 'server-only';
import { loadConfig } from '@/lib/config/load-config';
import { createCouncilService } from './create-council-service';
import type { CouncilService } from './council-service-types';

export type { CouncilService, StartRunOptions, StartedRun, TierSummary } from './council-service-types';
export { UnknownTierError } from './council-service-types';

let service: CouncilService | undefined;

/**
 * The process's one CouncilService, built on first use from the environment and QUORUM_CONFIG, so that
 * every run shares the same limiters, bulkheads and circuit breakers. Throws ConfigError (naming the field
 * or variable, never a key) when the configuration is invalid; it is retried on the next call.
 */
export function getCouncilService(): CouncilService {
  service ??= createCouncilService(loadConfig());
  return service;
}
