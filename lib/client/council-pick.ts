/**
 * A council chosen in the browser ("Custom"): members, chairman and mode, on top of a tier whose policy applies;
 * what POST /api/council receives, and what the cost shown before sending is computed from.
 */
import type { HistoryTurn } from '@/lib/council/council-input';
import { promptCharsOf } from '@/lib/pricing/prompt-chars';
import { worstCaseCostUsd, type CouncilMode } from '@/lib/pricing/worst-case-cost';
import type { ModelInfo } from './models';
import type { TierInfo } from './tiers';

export interface CouncilPick {
  members: string[];
  chairman: string;
  mode: CouncilMode;
}

export const MODES: { id: CouncilMode; label: string; description: string }[] = [
  { id: 'full', label: 'Full', description: 'Answers, peer ranking and the chairman’s synthesis.' },
  { id: 'ranked', label: 'Ranked', description: 'Answers and peer ranking; the top-ranked answer is final.' },
  { id: 'answers', label: 'Answers', description: 'Answers only; the longest answer is shown first.' },
];

/** Why a pick cannot be sent yet, or null when it can (the server checks the same and more). */
export function pickProblem(pick: CouncilPick): string | null {
  if (pick.members.length < 2) return 'Pick at least two members.';
  if (pick.mode === 'full' && !pick.chairman) return 'Pick a chairman.';
  return null;
}

/** The fields POST /api/council takes for a pick. */
export function pickRequestFields(pick: CouncilPick): { council: string[]; chairman?: string; mode: CouncilMode } {
  return { council: [...pick.members], ...(pick.chairman ? { chairman: pick.chairman } : {}), mode: pick.mode };
}

/**
 * The run's worst case, the figure the budget reserves: the tier's council or the pick, in its mode, at the
 * tier's maxTokens, the prices of /api/models and the server's attempts per call.
 */
export function worstCaseOf(options: {
  tier: TierInfo;
  pick: CouncilPick | null;
  models: ModelInfo[];
  maxAttempts: number;
  question: string;
  history?: HistoryTurn[];
}): number | null {
  const { tier, pick } = options;
  if (!tier.maxTokens) return null;
  const prices = new Map(options.models.map((m) => [m.id, m.pricing]));
  const members = pick?.members ?? tier.members;
  const chairman = pick ? pick.chairman || pick.members[0] : tier.chairman;
  return worstCaseCostUsd({
    members,
    chairman,
    fallbackChairmen: pick ? [] : (tier.fallbackChairmen ?? []),
    mode: pick?.mode ?? 'full',
    maxTokens: tier.maxTokens,
    promptChars: promptCharsOf(options.question, options.history),
    maxAttempts: options.maxAttempts,
    pricing: (id) => prices.get(id),
  });
}
