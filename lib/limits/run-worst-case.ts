import type { ResolvedConfig } from '@/lib/config/resolved-config';
import type { HistoryTurn } from '@/lib/council/council-input';
import { worstCaseCostUsd } from '@/lib/pricing/worst-case-cost';
import { DEFAULT_RETRY_POLICY } from '@/lib/providers/resilience/retry-policy';

/**
 * The pipeline's `worstCaseUsd` for a config: the tier's council, chairmen and maxTokens, the models' configured
 * prices, the retry policy's attempts (a failed attempt is paid for too), and the question plus the history the
 * council will actually see (the last `history.maxTurns` exchanges). Every run of /api/council is a full run.
 */
export function worstCaseEstimator(config: ResolvedConfig): (tier: string, question: string, history: HistoryTurn[]) => number {
  const priceOf = new Map(config.models.map((model) => [model.id, model.pricing]));
  const maxAttempts = (config.retry ?? DEFAULT_RETRY_POLICY).maxAttempts;
  return (tierId, question, history) => {
    const tier = config.tiers.find((candidate) => candidate.id === tierId);
    if (!tier) return 0;
    const seen = history.slice(Math.max(0, history.length - config.history.maxTurns));
    const promptChars = seen.reduce((sum, turn) => sum + turn.question.length + turn.answer.length, question.length);
    return worstCaseCostUsd({
      members: tier.council,
      chairman: tier.chairman,
      fallbackChairmen: tier.fallbackChairmen,
      mode: 'full',
      maxTokens: tier.policy.maxTokens,
      promptChars,
      maxAttempts,
      pricing: (modelId) => priceOf.get(modelId),
    });
  };
}
