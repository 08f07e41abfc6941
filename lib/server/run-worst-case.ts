import { worstCaseEstimator, type WorstCaseEstimate } from '@/lib/limits/run-worst-case';
import type { CouncilService } from './council-service-types';

/**
 * The pipeline's `worstCaseUsd` for this service (lib/limits/run-worst-case.ts). The browser computes the same
 * figure from /api/tiers and /api/models before a question is sent (lib/client/council-pick.ts).
 */
export function runWorstCase(service: CouncilService): WorstCaseEstimate {
  return worstCaseEstimator(service.config);
}
