import { SIMULATED_MODELS, SIMULATED_TIER_MEMBERS } from './defaults/simulated';
import type { Sourced } from './merge-by-id';
import type { ModelConfig, ProviderConfig, TierConfig } from './schema';

/**
 * With no API key at all, every tier runs offline so that a newcomer sees the whole product work.
 * Built-in tiers switch to their simulated twins; tiers from the config file keep their model ids, and every
 * model that is not already simulated is pointed at the simulated provider (profiles assigned in turn).
 * No real upstream call can happen afterwards.
 */
export function simulateConfig(
  providers: Sourced<ProviderConfig>[],
  models: ModelConfig[],
  tiers: Sourced<TierConfig>[],
): { models: ModelConfig[]; tiers: TierConfig[] } {
  const simulatedProviders = new Set(providers.filter((p) => p.value.kind === 'simulated').map((p) => p.value.id));
  const simulatedProvider = [...simulatedProviders][0] ?? 'simulated';
  const profiles = SIMULATED_MODELS.map((model) => model.model);
  let next = 0;
  const simulatedModels = models.map((model) => {
    if (simulatedProviders.has(model.provider)) return model;
    const profile = profiles[next++ % profiles.length];
    return { ...model, provider: simulatedProvider, model: profile };
  });
  const simulatedTiers = tiers.map(({ value: tier, fromFile }) => {
    const twin = fromFile ? undefined : SIMULATED_TIER_MEMBERS[tier.id];
    return twin ? { ...tier, ...twin } : tier;
  });
  return { models: simulatedModels, tiers: simulatedTiers };
}
