import type { CouncilPolicy } from '@/lib/council/policy';
import type { CircuitBreakerConfig, LimitsConfig, ModelConfig, RetryConfig } from './schema';

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
  /** The key variables still unset for a tier that cannot run (unavailable); empty when it can. */
  missingKeys: string[];
}

/** The validated configuration: defaults, then the QUORUM_CONFIG file, then environment overrides. */
export interface ResolvedConfig {
  providers: ResolvedProvider[];
  models: ModelConfig[];
  tiers: ResolvedTier[];
  /** The default tier that can run: the configured one, or the first available tier in its place. */
  defaultTier: string;
  /** Said at start-up and in GET /api/tiers: tiers waiting for a key, a default tier that was replaced. */
  warnings: string[];
  /** True when no API key at all is set and every tier runs on the simulated provider. */
  simulated: boolean;
  retry?: RetryConfig;
  circuitBreaker?: CircuitBreakerConfig;
  history: { maxTurns: number };
  retention: { llmRequestsDays: number };
  /** Defaults for every access key's limits (a key's own win); empty when the file sets none. */
  limits: LimitsConfig;
}

export const DEFAULT_HISTORY_MAX_TURNS = 6;
export const DEFAULT_RETENTION_DAYS = 30;
