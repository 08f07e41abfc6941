import type { HistoryTurn } from '@/lib/council/council-input';
import { promptCharsOf } from '@/lib/pricing/prompt-chars';
import { worstCaseCostUsd, type CouncilMode } from '@/lib/pricing/worst-case-cost';
import type { CouncilChoice, CouncilService } from './council-service-types';

/**
 * The pipeline's `worstCaseUsd` for this service: the council the run will use, in its mode, at its tier's
 * maxTokens, the configured prices and the retry policy's attempts. The browser computes the same figure from
 * /api/tiers and /api/models before a question is sent (lib/client/council-pick.ts).
 */
export function runWorstCase(service: CouncilService) {
  return (tier: string, question: string, history: HistoryTurn[], council: CouncilChoice, mode: CouncilMode): number => {
    const policy = service.config.tiers.find((t) => t.id === tier)?.policy;
    if (!policy) return 0;
    const prices = new Map(service.models().map((m) => [m.id, m.pricing]));
    return worstCaseCostUsd({
      ...council,
      mode,
      maxTokens: policy.maxTokens,
      promptChars: promptCharsOf(question, history),
      maxAttempts: service.maxAttempts,
      pricing: (id) => prices.get(id),
    });
  };
}
