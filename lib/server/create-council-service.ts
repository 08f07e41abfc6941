import { randomUUID, randomInt } from 'node:crypto';
import { tierModelIds } from '@/lib/config/check-references';
import type { EnvSource } from '@/lib/config/env';
import type { ResolvedConfig, ResolvedTier } from '@/lib/config/resolved-config';
import { systemClock, type Clock } from '@/lib/council/clock';
import { seededRandom } from '@/lib/council/random';
import { runCouncil } from '@/lib/council/run-council';
import { ModelRegistry } from './model-registry';
import {
  UnknownTierError,
  type CouncilService,
  type StartRunOptions,
  type StartedRun,
  type TierSummary,
} from './council-service-types';

export interface CouncilServiceDeps {
  /** Where API keys are read from; the process environment by default. */
  env?: EnvSource;
  clock?: Clock;
  fetch?: typeof fetch;
}

/** Wires a validated config into a CouncilService. Pure of Next.js, so tests build one directly. */
export function createCouncilService(config: ResolvedConfig, deps: CouncilServiceDeps = {}): CouncilService {
  const clock = deps.clock ?? systemClock;
  const registry = new ModelRegistry(config, { env: deps.env ?? process.env, clock, fetch: deps.fetch });
  const tierById = new Map(config.tiers.map((tier) => [tier.id, tier]));

  const findTier = (id: string): ResolvedTier => {
    const tier = tierById.get(id);
    if (!tier) throw new UnknownTierError(id, [...tierById.keys()]);
    return tier;
  };

  return {
    defaultTier: config.defaultTier,
    simulated: config.simulated,
    config,
    warnings: config.warnings,
    tiers: (): TierSummary[] => config.tiers.map(summarise),
    hasTier: (id) => tierById.has(id),

    startRun(options: StartRunOptions): StartedRun {
      const tier = findTier(options.tier ?? config.defaultTier);
      const runId = options.runId ?? randomUUID();
      const history = options.history?.slice(Math.max(0, options.history.length - config.history.maxTurns));
      const events = runCouncil(
        {
          runId,
          question: options.question,
          ...(history && history.length > 0 ? { history } : {}),
          tier: tier.id,
          members: tier.council,
          chairman: tier.chairman,
          fallbackChairmen: tier.fallbackChairmen,
          policy: tier.policy,
          signal: options.signal,
        },
        // A fresh seed per run: label shuffles differ between runs but replay from the recorded labels.
        { model: registry.model, clock, random: seededRandom(randomInt(2 ** 32)) },
      );
      return { runId, events, warn: (code, message) => events.warn(code, message) };
    },

    saturated(tierId: string) {
      let retryAfterSeconds = 0;
      for (const modelId of tierModelIds(findTier(tierId))) {
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
