import { randomUUID, randomInt } from 'node:crypto';
import { tierModelIds } from '@/lib/config/check-references';
import { providerReady } from '@/lib/config/check-keys';
import { DEFAULT_MODELS } from '@/lib/config/defaults/models';
import type { EnvSource } from '@/lib/config/env';
import type { Pricing } from '@/lib/pricing/pricing';
import { DEFAULT_RETRY_POLICY } from '@/lib/providers/resilience';
import type { ResolvedConfig, ResolvedTier } from '@/lib/config/resolved-config';
import { systemClock, type Clock } from '@/lib/council/clock';
import { seededRandom } from '@/lib/council/random';
import { runCouncil } from '@/lib/council/run-council';
import type { RedisConnection } from '@/lib/redis/redis-connection';
import { ModelRegistry } from './model-registry';
import {
  UnknownTierError,
  type CouncilService,
  type ModelSummary,
  type StartRunOptions,
  type StartedRun,
  type TierSummary,
} from './council-service-types';

export interface CouncilServiceDeps {
  /** Where API keys are read from; the process environment by default. */
  env?: EnvSource;
  clock?: Clock;
  fetch?: typeof fetch;
  /** The process's Redis connection: breakers and rate-limit pauses shared across instances. */
  redis?: RedisConnection | null;
}

/** Wires a validated config into a CouncilService. Pure of Next.js, so tests build one directly. */
export function createCouncilService(config: ResolvedConfig, deps: CouncilServiceDeps = {}): CouncilService {
  const clock = deps.clock ?? systemClock;
  const registry = new ModelRegistry(config, { env: deps.env ?? process.env, clock, fetch: deps.fetch, redis: deps.redis });
  const tierById = new Map(config.tiers.map((tier) => [tier.id, tier]));
  const env = deps.env ?? process.env;
  const providerById = new Map(config.providers.map((provider) => [provider.id, provider]));
  // With no key at all every model runs simulated, the built-in real ones included (under their real names): leave
  // those out unless a tier uses them, so that nobody picks "gpt-5-mini" and gets a simulation.
  const onTiers = new Set(config.tiers.flatMap((tier) => tierModelIds(tier)));
  const builtInReal = new Set(DEFAULT_MODELS.map((model) => model.id));
  const offered = (model: ResolvedConfig['models'][number]) => !config.simulated || onTiers.has(model.id) || !builtInReal.has(model.id);
  const models: ModelSummary[] = config.models.map((model) => {
    const provider = providerById.get(model.provider);
    return {
      id: model.id,
      label: model.id,
      provider: model.provider,
      pricing: model.pricing ?? { inputPerMTok: 0, outputPerMTok: 0 },
      runnable: provider !== undefined && providerReady(provider, env) && offered(model),
    };
  });
  const pricingOf = (ids: string[]): Record<string, Pricing> => {
    const prices: Record<string, Pricing> = {};
    for (const id of ids) {
      const pricing = config.models.find((model) => model.id === id)?.pricing;
      if (pricing) prices[id] = pricing;
    }
    return prices;
  };

  const findTier = (id: string): ResolvedTier => {
    const tier = tierById.get(id);
    if (!tier) throw new UnknownTierError(id, [...tierById.keys()]);
    return tier;
  };

  return {
    defaultTier: config.defaultTier,
    simulated: config.simulated,
    config,
    maxAttempts: config.retry?.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts,
    warnings: config.warnings,
    tiers: (): TierSummary[] => config.tiers.map(summarise),
    hasTier: (id) => tierById.has(id),
    models: () => models.map((model) => ({ ...model, pricing: { ...model.pricing } })),
    tierCouncil(id) {
      const tier = findTier(id);
      return { members: [...tier.council], chairman: tier.chairman, fallbackChairmen: [...tier.fallbackChairmen] };
    },

    startRun(options: StartRunOptions): StartedRun {
      const tier = findTier(options.tier ?? config.defaultTier);
      const runId = options.runId ?? randomUUID();
      const history = options.history?.slice(Math.max(0, options.history.length - config.history.maxTurns));
      const council = options.council ?? { members: tier.council, chairman: tier.chairman, fallbackChairmen: tier.fallbackChairmen };
      let spent = 0;
      const events = runCouncil(
        {
          runId,
          question: options.question,
          ...(history && history.length > 0 ? { history } : {}),
          ...(options.instructions ? { instructions: options.instructions } : {}),
          ...(options.source ? { source: options.source } : {}),
          tier: tier.id,
          members: [...council.members],
          chairman: council.chairman,
          fallbackChairmen: [...council.fallbackChairmen],
          mode: options.mode ?? 'full',
          pricing: pricingOf(tierModelIds({ council: council.members, chairman: council.chairman, fallbackChairmen: council.fallbackChairmen })),
          policy: tier.policy,
          signal: options.signal,
        },
        // A fresh seed per run: label shuffles differ between runs but replay from the recorded labels.
        { model: registry.model, clock, random: seededRandom(randomInt(2 ** 32)),
          onSpend: (usd) => (spent += usd),
        },
      );
      return { runId, events, spentUsd: () => spent, warn: (code, message) => events.warn(code, message) };
    },

    saturated(tierId: string, modelIds?: string[]) {
      let retryAfterSeconds = 0;
      for (const modelId of modelIds ?? tierModelIds(findTier(tierId))) {
        const bulkhead = registry.providerOfModel(modelId)?.bulkhead;
        if (bulkhead?.saturated()) retryAfterSeconds = Math.max(retryAfterSeconds, bulkhead.retryAfterSeconds());
      }
      return retryAfterSeconds > 0 ? { retryAfterSeconds } : null;
    },
  };
}

function summarise(tier: ResolvedTier): TierSummary {
  return {
    id: tier.id,
    label: tier.label,
    description: tier.description,
    members: [...tier.council],
    chairman: tier.chairman,
    fallbackChairmen: [...tier.fallbackChairmen],
    maxTokens: { ...tier.policy.maxTokens },
    simulated: tier.simulated,
    available: tier.missingKeys.length === 0,
    ...(tier.missingKeys.length > 0
      ? {
          missingKeys: [...tier.missingKeys],
          unavailableReason: `Needs ${tier.missingKeys.join(' and ')} set on the server.`,
        }
      : {}),
  };
}
