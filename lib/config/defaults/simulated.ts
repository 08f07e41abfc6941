import type { ModelConfig, TierConfig } from '../schema';

/**
 * The offline council used when no API key at all is set. Model ids are the simulated provider's profile
 * names (lib/providers/simulated), so the UI shows plainly that these are not real models; prices mirror
 * the real models they stand in for, so cost figures look like a real run's.
 */
export const SIMULATED_MODELS: ModelConfig[] = [
  simulated('sim-swift', 0.3, 2.5),
  simulated('sim-pico', 0.25, 2),
  simulated('sim-nova', 0.2, 0.5),
  simulated('sim-thrift', 0.2, 0.8),
  simulated('sim-sage', 1.25, 10),
  simulated('sim-atlas', 3, 15),
  simulated('sim-quill', 1.25, 10),
  simulated('sim-ember', 3, 15),
];

/** Each built-in tier's simulated twin: same policy and council size, simulated members. */
export const SIMULATED_TIER_MEMBERS: Record<string, Pick<TierConfig, 'council' | 'chairman' | 'fallbackChairmen'>> = {
  speed: { council: ['sim-swift', 'sim-pico', 'sim-nova', 'sim-thrift'], chairman: 'sim-swift', fallbackChairmen: ['sim-pico'] },
  balanced: {
    council: ['sim-sage', 'sim-atlas', 'sim-quill', 'sim-ember'],
    chairman: 'sim-sage',
    fallbackChairmen: ['sim-atlas', 'sim-quill'],
  },
  cost: { council: ['sim-thrift', 'sim-pico', 'sim-nova'], chairman: 'sim-thrift', fallbackChairmen: ['sim-pico'] },
};

function simulated(id: string, inputPerMTok: number, outputPerMTok: number): ModelConfig {
  return { id, provider: 'simulated', model: id, pricing: { inputPerMTok, outputPerMTok } };
}
