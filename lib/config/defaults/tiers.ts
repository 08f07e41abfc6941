import type { TierConfig } from '../schema';

/** The three tiers that ship. Fields left out take DEFAULT_POLICY's values. */
export const DEFAULT_TIERS: TierConfig[] = [
  {
    id: 'speed',
    label: 'Speed',
    description: 'Fast, cheap models and short deadlines: an answer in seconds, less depth.',
    council: ['gemini-2.5-flash', 'gpt-5-mini', 'claude-haiku-4.5', 'grok-4-fast'],
    chairman: 'gemini-2.5-flash',
    fallbackChairmen: ['gpt-5-mini'],
    deadlinesMs: { answer: 30_000, ranking: 20_000, synthesis: 45_000 },
    firstTokenTimeoutMs: 10_000,
    idleTimeoutMs: 10_000,
    straggler: { factor: 1.3, floorMs: 2_000 },
    lateRankings: 'cancel',
    maxTokens: { answer: 800, ranking: 400, synthesis: 1_200 },
  },
  {
    id: 'balanced',
    label: 'Balanced',
    description: 'Stronger models with room to think: the best answers, at a higher price.',
    council: ['gpt-5.1', 'claude-sonnet-4.5', 'gemini-2.5-pro', 'grok-4'],
    chairman: 'gpt-5.1',
    fallbackChairmen: ['claude-sonnet-4.5', 'gemini-2.5-pro'],
  },
  {
    id: 'cost',
    label: 'Cost',
    description: 'The cheapest council that still ranks: three low-cost models, late rankings cancelled.',
    council: ['deepseek-v3.1', 'gemini-2.5-flash', 'gpt-5-mini'],
    chairman: 'deepseek-v3.1',
    fallbackChairmen: ['gemini-2.5-flash'],
    lateRankings: 'cancel',
    maxTokens: { answer: 800, ranking: 400, synthesis: 1_200 },
  },
];

export const DEFAULT_TIER_ID = 'balanced';
