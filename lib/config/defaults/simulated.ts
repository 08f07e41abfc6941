import type { ModelConfig, TierConfig } from '../schema';

/**
 * The offline council used when no API key at all is set. Model ids are the simulated provider's profile
 * names (lib/providers/simulated), so the UI shows plainly that these are not real models; prices mirror
 * the real models they stand in for, so cost figures look like a real run's.
 */
export const SIMULATED_MODELS: ModelConfig[] = [
  simulated('sim-swift', 0.3, 2.5),
  simulated('sim-sage', 1.25, 10),
  simulated('sim-thrift', 0.2, 0.8),
];

/** Each built-in tier's simulated twin: same policy, simulated members. */
export const SIMULATED_TIER_MEMBERS: Record<string, Pick<TierConfig, 'council' | 'chairman' | 'fallbackChairmen'>> = {
  speed: { council: ['sim-swift', 'sim-thrift', 'sim-sage'], chairman: 'sim-swift', fallbackChairmen: ['sim-thrift'] },
  balanced: { council: ['sim-sage', 'sim-swift', 'sim-thrift'], chairman: 'sim-sage', fallbackChairmen: ['sim-swift'] },
  cost: { council: ['sim-thrift', 'sim-swift', 'sim-sage'], chairman: 'sim-thrift', fallbackChairmen: ['sim-swift'] },
};

function simulated(id: string, inputPerMTok: number, outputPerMTok: number): ModelConfig {
  return { id, provider: 'simulated', model: id, pricing: { inputPerMTok, outputPerMTok } };
}
