import type { CouncilPolicy } from '@/lib/council/policy';
import type { CircuitBreakerConfig, ModelConfig, RetryConfig } from './schema';

/** A provider after defaults and environment overrides. Holds the key's variable name, never the key. */
export interface ResolvedProvider {
  id: string;
  kind: 'openai-compatible' | 'anthropic' | 'simulated';
  baseURL?: string;
  apiKeyEnv?: string;
  maxConcurrent: number;
  maxQueue: number;
  /** What the provider's rate limits count: each model separately (default), or the whole API key. */
  rateLimitScope: 'model' | 'provider';
}

/** A tier with every policy field filled in, ready to hand to the engine. */
export interface ResolvedTier {
  id: string;
  label: string;
  description: string;
  council: string[];
  chairman: string;
  fallbackChairmen: string[];
  policy: CouncilPolicy;
  /** True when every model it uses runs on a simulated provider. */
  simulated: boolean;
}

/** The validated configuration: defaults, then the QUORUM_CONFIG file, then environment overrides. */
export interface ResolvedConfig {
  providers: ResolvedProvider[];
  models: ModelConfig[];
  tiers: ResolvedTier[];
  defaultTier: string;
  /** True when no API key at all is set and every tier runs on the simulated provider. */
  simulated: boolean;
  retry?: RetryConfig;
  circuitBreaker?: CircuitBreakerConfig;
  history: { maxTurns: number };
  retention: { llmRequestsDays: number };
}

export const DEFAULT_HISTORY_MAX_TURNS = 6;
export const DEFAULT_RETENTION_DAYS = 30;
