import type { ResolvedConfig } from '@/lib/config/resolved-config';
import type { HistoryTurn } from '@/lib/council/council-input';
import { promptCharsOf } from '@/lib/pricing/prompt-chars';
import { worstCaseCostUsd, type CouncilMode } from '@/lib/pricing/worst-case-cost';
import { DEFAULT_RETRY_POLICY } from '@/lib/providers/resilience/retry-policy';

/** Who sits on the run's council: the tier's, or the caller's own choice. */
export interface WorstCaseCouncil {
  members: string[];
  chairman: string;
  fallbackChairmen: string[];
}

export type WorstCaseEstimate = (
  tier: string,
  question: string,
  history: HistoryTurn[],
  council?: WorstCaseCouncil,
  mode?: CouncilMode,
) => number;

/**
 * The pipeline's `worstCaseUsd` for a config — the one server-side figure the budget reserves: the run's council
 * (the tier's unless the caller chose one) in its mode, at the tier's maxTokens, the models' configured prices,
 * the retry policy's attempts (a failed attempt is paid for too), and the question plus the history the council
 * will actually see (the last `history.maxTurns` exchanges). The browser computes the same figure before sending.
 */
export function worstCaseEstimator(config: ResolvedConfig): WorstCaseEstimate {
  const priceOf = new Map(config.models.map((model) => [model.id, model.pricing]));
  const maxAttempts = (config.retry ?? DEFAULT_RETRY_POLICY).maxAttempts;
  return (tierId, question, history, council, mode = 'full') => {
    const tier = config.tiers.find((candidate) => candidate.id === tierId);
    if (!tier) return 0;
    const seen = history.slice(Math.max(0, history.length - config.history.maxTurns));
    return worstCaseCostUsd({
      members: council?.members ?? tier.council,
      chairman: council?.chairman ?? tier.chairman,
      fallbackChairmen: council?.fallbackChairmen ?? tier.fallbackChairmen,
      mode,
      maxTokens: tier.policy.maxTokens,
      promptChars: promptCharsOf(question, seen),
      maxAttempts,
      pricing: (modelId) => priceOf.get(modelId),
    });
  };
}
