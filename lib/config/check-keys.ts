import { readKey, type EnvSource } from './env';
import { tierModelIds } from './check-references';
import type { Sourced } from './merge-by-id';
import type { ModelConfig, ProviderConfig, TierConfig } from './schema';

/** A provider can be called when it is simulated, needs no key (a local server), or its key is set. */
export function providerReady(provider: ProviderConfig, env: EnvSource): boolean {
  if (provider.kind === 'simulated' || provider.apiKeyEnv === undefined) return true;
  return readKey(env, provider.apiKeyEnv) !== undefined;
}

/** True when at least one API key named by any provider is set. */
export function anyKeySet(providers: Sourced<ProviderConfig>[], env: EnvSource): boolean {
  return providers.some(({ value }) => value.apiKeyEnv !== undefined && readKey(env, value.apiKeyEnv) !== undefined);
}

/**
 * One problem per tier and provider whose key variable is unset. Names the variable, never a value.
 */
export function checkKeys(
  providers: Sourced<ProviderConfig>[],
  models: Sourced<ModelConfig>[],
  tiers: Sourced<TierConfig>[],
  env: EnvSource,
): string[] {
  const providerById = new Map(providers.map((p) => [p.value.id, p.value]));
  const modelById = new Map(models.map((m) => [m.value.id, m.value]));
  const problems: string[] = [];
  for (const { value: tier, path, fromFile } of tiers) {
    const where = fromFile ? `${path} (tier "${tier.id}")` : path;
    const reported = new Set<string>();
    for (const modelId of tierModelIds(tier)) {
      const provider = providerById.get(modelById.get(modelId)?.provider ?? '');
      if (!provider || providerReady(provider, env) || reported.has(provider.id)) continue;
      reported.add(provider.id);
      problems.push(
        `${where}: model "${modelId}" uses provider "${provider.id}", ` +
          `but the environment variable ${provider.apiKeyEnv} is not set`,
      );
    }
  }
  return problems;
}

/**
 * The key variables each tier still needs, by tier id; tiers that can run are left out. A tier needs every
 * model it names (council, chairman, fallback chairmen).
 */
export function missingKeysByTier(
  providers: Sourced<ProviderConfig>[],
  models: Sourced<ModelConfig>[],
  tiers: Sourced<TierConfig>[],
  env: EnvSource,
): Map<string, string[]> {
  const providerById = new Map(providers.map((p) => [p.value.id, p.value]));
  const modelById = new Map(models.map((m) => [m.value.id, m.value]));
  const missing = new Map<string, string[]>();
  for (const { value: tier } of tiers) {
    const variables = new Set<string>();
    for (const modelId of tierModelIds(tier)) {
      const provider = providerById.get(modelById.get(modelId)?.provider ?? '');
      if (provider && !providerReady(provider, env) && provider.apiKeyEnv) variables.add(provider.apiKeyEnv);
    }
    if (variables.size > 0) missing.set(tier.id, [...variables]);
  }
  return missing;
}
