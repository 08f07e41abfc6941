import { DEFAULT_PROVIDERS, DEFAULT_MAX_CONCURRENT, DEFAULT_MAX_QUEUE } from './defaults/providers';
import { DEFAULT_MODELS } from './defaults/models';
import { SIMULATED_MODELS } from './defaults/simulated';
import { DEFAULT_TIERS, DEFAULT_TIER_ID } from './defaults/tiers';
import { BASE_URL_ENV, type Env, type EnvSource } from './env';
import { ConfigError } from './config-error';
import { checkReferences, tierModelIds } from './check-references';
import { anyKeySet, checkKeys, missingKeysByTier, providerReady } from './check-keys';
import { mergeById, type Sourced } from './merge-by-id';
import { resolveTier } from './resolve-tier';
import { simulateConfig } from './simulate-config';
import {
  DEFAULT_HISTORY_MAX_TURNS,
  DEFAULT_RETENTION_DAYS,
  type ResolvedConfig,
  type ResolvedProvider,
} from './resolved-config';
import type { ConfigFile, ModelConfig, ProviderConfig, TierConfig } from './schema';

/**
 * Built-in defaults, then the (already schema-validated) file, then environment overrides; every
 * cross-reference and needed key checked. Pure: throws ConfigError listing every problem at once.
 */
export function buildConfig(file: ConfigFile, env: Env, source: EnvSource, origin?: string): ResolvedConfig {
  const providers = mergeById(DEFAULT_PROVIDERS, file.providers, 'providers', 'provider');
  const models = mergeById([...DEFAULT_MODELS, ...SIMULATED_MODELS], file.models, 'models', 'model');
  const tiers = mergeById(DEFAULT_TIERS, file.tiers, 'tiers', 'tier');
  const defaultTier = file.defaultTier
    ? { value: file.defaultTier, path: 'defaultTier' }
    : { value: DEFAULT_TIER_ID, path: 'defaultTier (built-in default)' };

  const referenceProblems = checkReferences(providers, models, tiers, defaultTier);
  if (referenceProblems.length > 0) {
    throw new ConfigError(origin ? `Invalid configuration in ${origin}` : 'Invalid configuration', referenceProblems);
  }

  const simulated = !anyKeySet(providers, source) && !usesKeylessRealProvider(providers, models, tiers, source);
  let modelList: ModelConfig[] = models.map((m) => m.value);
  let tierList: TierConfig[] = tiers.map((t) => t.value);
  // A tier whose provider has no key is unavailable, not fatal: the server starts while one tier can run.
  let missingKeys = new Map<string, string[]>();
  if (simulated) {
    ({ models: modelList, tiers: tierList } = simulateConfig(providers, modelList, tiers));
  } else {
    missingKeys = missingKeysByTier(providers, models, tiers, source);
    if (missingKeys.size === tierList.length) throw new ConfigError('Missing API key', checkKeys(providers, models, tiers, source));
  }
  const { effective: effectiveDefault, warnings } = chooseDefaultTier(defaultTier.value, tierList, missingKeys);

  const resolvedProviders = providers.map(({ value }) => resolveProvider(value, env));
  const kindOf = new Map(resolvedProviders.map((p) => [p.id, p.kind]));
  const providerOf = new Map(modelList.map((m) => [m.id, m.provider]));
  const isSimulated = (modelId: string) => kindOf.get(providerOf.get(modelId) ?? '') === 'simulated';

  return {
    providers: resolvedProviders,
    models: modelList,
    tiers: tierList.map((tier) => resolveTier(tier, tierModelIds(tier).every(isSimulated), missingKeys.get(tier.id))),
    defaultTier: effectiveDefault,
    warnings,
    simulated,
    retry: file.retry,
    circuitBreaker: file.circuitBreaker,
    history: { maxTurns: file.history?.maxTurns ?? DEFAULT_HISTORY_MAX_TURNS },
    retention: { llmRequestsDays: file.retention?.llmRequestsDays ?? DEFAULT_RETENTION_DAYS },
    limits: file.limits ?? {},
  };
}

function resolveProvider(provider: ProviderConfig, env: Env): ResolvedProvider {
  const baseUrlVariable = BASE_URL_ENV[provider.id];
  const baseURL = (baseUrlVariable && (env[baseUrlVariable] as string | undefined)) || provider.baseURL;
  const simulated = provider.kind === 'simulated';
  return {
    id: provider.id,
    kind: provider.kind,
    ...(baseURL ? { baseURL } : {}),
    ...(provider.apiKeyEnv ? { apiKeyEnv: provider.apiKeyEnv } : {}),
    maxConcurrent: provider.maxConcurrent ?? (simulated ? 1024 : DEFAULT_MAX_CONCURRENT),
    maxQueue: provider.maxQueue ?? (simulated ? 4096 : DEFAULT_MAX_QUEUE),
    rateLimitScope: provider.rateLimitScope ?? 'model',
  };
}

/** A tier on a local server that needs no key (e.g. Ollama) means the user wants real calls. */
function usesKeylessRealProvider(
  providers: Sourced<ProviderConfig>[],
  models: Sourced<ModelConfig>[],
  tiers: Sourced<TierConfig>[],
  source: EnvSource,
): boolean {
  const providerById = new Map(providers.map((p) => [p.value.id, p.value]));
  const modelById = new Map(models.map((m) => [m.value.id, m.value]));
  return tiers.some(({ value: tier }) =>
    tierModelIds(tier).some((id) => {
      const provider = providerById.get(modelById.get(id)?.provider ?? '');
      return provider !== undefined && provider.kind !== 'simulated' && providerReady(provider, source);
    }),
  );
}

/**
 * The configured default tier when it can run; otherwise the first tier that can, with a warning saying why.
 * Also one warning listing the tiers that wait for a key.
 */
function chooseDefaultTier(
  configured: string,
  tiers: TierConfig[],
  missingKeys: Map<string, string[]>,
): { effective: string; warnings: string[] } {
  const warnings: string[] = [];
  const waiting = tiers.filter((tier) => missingKeys.has(tier.id));
  if (waiting.length > 0) {
    const list = waiting.map((tier) => `${tier.id} (set ${missingKeys.get(tier.id)!.join(', ')})`).join('; ');
    warnings.push(`Unavailable tiers, until their API key is set: ${list}.`);
  }
  if (!missingKeys.has(configured)) return { effective: configured, warnings };
  const effective = tiers.find((tier) => !missingKeys.has(tier.id))!.id;
  warnings.push(
    `The default tier "${configured}" cannot run (set ${missingKeys.get(configured)!.join(', ')}); "${effective}" is the default instead.`,
  );
  return { effective, warnings };
}
