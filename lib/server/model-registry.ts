import type { EnvSource } from '@/lib/config/env';
import type { ResolvedConfig } from '@/lib/config/resolved-config';
import type { ChatModel } from '@/lib/council/chat-model';
import type { Clock } from '@/lib/council/clock';
import {
  CircuitBreaker,
  DEFAULT_RETRY_POLICY,
  InMemoryRateLimitGates,
  rateLimitKey,
  SharedRateLimitGates,
  withResilience,
  type CircuitGate,
  type RateLimitGates,
} from '@/lib/providers/resilience';
import type { RedisConnection } from '@/lib/redis/redis-connection';
import { RedisRateLimitPauses } from '@/lib/redis/redis-rate-limit-pauses';
import { SharedCircuitBreaker } from '@/lib/redis/shared-circuit-breaker';
import { createProviderParts, type ProviderParts } from './create-provider-parts';
import { createRawModel } from './create-raw-model';

export interface ModelRegistryDeps {
  env: EnvSource;
  clock: Clock;
  fetch?: typeof fetch;
  /** With a connection, breakers, in-flight counts and rate-limit holds are shared across instances (DESIGN.md §7). */
  redis?: RedisConnection | null;
  /** Rate-limit state by key; default: in this process, with holds shared through Redis when there is a connection. */
  rateLimits?: RateLimitGates;
}

/**
 * Every configured model behind the one resilience layer, built on first use and shared by all runs:
 * one bulkhead per provider, one circuit breaker per model, and one rate limiter per model (or per
 * provider, for a provider configured with `rateLimitScope: "provider"`).
 */
export class ModelRegistry {
  private readonly models = new Map<string, ChatModel>();
  private readonly providers = new Map<string, ProviderParts>();
  private readonly rateLimits: RateLimitGates;

  constructor(
    private readonly config: ResolvedConfig,
    private readonly deps: ModelRegistryDeps,
  ) {
    const local = new InMemoryRateLimitGates({}, deps.clock);
    this.rateLimits =
      deps.rateLimits ?? (deps.redis ? new SharedRateLimitGates(local, new RedisRateLimitPauses(deps.redis), deps.clock) : local);
    for (const provider of config.providers) {
      this.providers.set(provider.id, createProviderParts(provider, deps.clock, deps.redis ?? null));
    }
  }

  /** The resilient model for a configured id; throws for an unknown id (the engine's contract). */
  readonly model = (id: string): ChatModel => {
    const cached = this.models.get(id);
    if (cached) return cached;
    const config = this.config.models.find((model) => model.id === id);
    if (!config) throw new Error(`Unknown model "${id}".`);
    const parts = this.partsOf(config.provider);
    const limiter = this.rateLimits.gate(rateLimitKey(parts.provider.id, config.model, parts.provider.rateLimitScope));
    const model = withResilience(createRawModel(config, parts, limiter, this.deps), {
      retry: this.config.retry ?? DEFAULT_RETRY_POLICY,
      limiter,
      bulkhead: parts.bulkhead,
      breaker: this.breakerOf(id),
      clock: this.deps.clock,
    });
    this.models.set(id, model);
    return model;
  };

  /** The shared parts of the provider that serves a model. */
  providerOfModel(modelId: string): ProviderParts | undefined {
    const config = this.config.models.find((model) => model.id === modelId);
    return config ? this.providers.get(config.provider) : undefined;
  }

  /** In-process, or shared through Redis with the in-process one as its fallback. */
  private breakerOf(id: string): CircuitGate {
    const local = new CircuitBreaker({ ...this.config.circuitBreaker, name: id }, this.deps.clock);
    return this.deps.redis ? new SharedCircuitBreaker(this.deps.redis, local, { ...this.config.circuitBreaker, name: id }) : local;
  }

  private partsOf(providerId: string): ProviderParts {
    const parts = this.providers.get(providerId);
    if (!parts) throw new Error(`Unknown provider "${providerId}".`);
    return parts;
  }
}
