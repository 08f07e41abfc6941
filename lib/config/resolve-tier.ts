import { DEFAULT_POLICY, type CouncilPolicy } from '@/lib/council/policy';
import type { TierConfig } from './schema';
import type { ResolvedTier } from './resolved-config';

/** Councils this size or larger hide each judge's own answer by default: models favour their own writing. */
export const EXCLUDE_SELF_MIN_COUNCIL = 4;

/** Fills every field a tier leaves out with DESIGN.md §2's defaults. */
export function resolveTier(tier: TierConfig, simulated: boolean, missingKeys: string[] = []): ResolvedTier {
  const policy: CouncilPolicy = {
    deadlinesMs: { ...DEFAULT_POLICY.deadlinesMs, ...tier.deadlinesMs },
    firstTokenTimeoutMs: tier.firstTokenTimeoutMs ?? DEFAULT_POLICY.firstTokenTimeoutMs,
    idleTimeoutMs: tier.idleTimeoutMs ?? DEFAULT_POLICY.idleTimeoutMs,
    quorum: tier.quorum ?? DEFAULT_POLICY.quorum,
    straggler: { ...DEFAULT_POLICY.straggler, ...tier.straggler },
    lateRankings: tier.lateRankings ?? DEFAULT_POLICY.lateRankings,
    excludeSelf: tier.excludeSelf ?? tier.council.length >= EXCLUDE_SELF_MIN_COUNCIL,
    minAnswers: tier.minAnswers ?? DEFAULT_POLICY.minAnswers,
    maxTokens: { ...DEFAULT_POLICY.maxTokens, ...tier.maxTokens },
  };
  return {
    id: tier.id,
    label: tier.label ?? tier.id,
    description: tier.description ?? '',
    council: [...tier.council],
    chairman: tier.chairman,
    fallbackChairmen: [...(tier.fallbackChairmen ?? [])],
    policy,
    simulated,
    missingKeys: [...missingKeys],
  };
}
