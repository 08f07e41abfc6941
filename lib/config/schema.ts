/**
 * The config file's shape (DESIGN.md §2). Public surface: users write it and scripts generate it, so the
 * field names are exactly DESIGN.md's and every top-level part is optional.
 *
 * Optional extensions beyond DESIGN.md §2 (all optional, documented here):
 * - `models[].simulation`: options of the simulated provider for that model (latency, failure mode, fixed reply);
 * - `providers[].maxConcurrent` / `providers[].maxQueue`: the per-provider bulkhead (in-flight calls, waiting calls);
 * - `providers[].rateLimitScope`: `"model"` (default: rate-limit windows and 429 pauses per model) or `"provider"`
 *   (one shared window, for providers that limit the whole API key);
 * - `retry`: `{ maxAttempts, baseMs, factor, capMs }` for every model call;
 * - `circuitBreaker`: `{ failureThreshold, failureRatio, minimumCalls, windowMs, cooldownMs }` per model;
 * - `history`: `{ maxTurns }` earlier exchanges given to the council as context;
 * - `retention`: `{ llmRequestsDays }` how long the per-call log is kept;
 * - `limits`: `{ rpm, concurrent, dailyUsd, monthlyUsd }` defaults for every access key (DESIGN.md §5); a key's
 *   own limits win, and personal mode is never limited.
 */
import { z } from 'zod';

const id = z.string().trim().min(1, 'must not be empty');
const positiveMs = z.number().int().positive();

export const simulationSchema = z.strictObject({
  firstTokenMs: z.number().nonnegative().optional(),
  tokensPerSecond: z.number().positive().optional(),
  failure: z.enum(['http_500', 'http_429', 'timeout', 'hang', 'empty', 'network', 'invalid_ranking']).optional(),
  failAfterTokens: z.number().int().nonnegative().optional(),
  reply: z.string().optional(),
});

export const providerSchema = z.strictObject({
  id,
  kind: z.enum(['openai-compatible', 'anthropic', 'simulated']),
  baseURL: z.url().optional(),
  /** Name of the environment variable that holds the key (never the key itself). */
  apiKeyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
    .optional(),
  maxConcurrent: z.number().int().positive().optional(),
  maxQueue: z.number().int().nonnegative().optional(),
  rateLimitScope: z.enum(['model', 'provider']).optional(),
});

export const pricingSchema = z.strictObject({
  inputPerMTok: z.number().nonnegative(),
  outputPerMTok: z.number().nonnegative(),
});

export const modelSchema = z.strictObject({
  id,
  provider: id,
  /** The upstream model name, e.g. "openai/gpt-5.1". */
  model: id,
  pricing: pricingSchema.optional(),
  simulation: simulationSchema.optional(),
});

const stageNumbers = z.strictObject({
  answer: positiveMs.optional(),
  ranking: positiveMs.optional(),
  synthesis: positiveMs.optional(),
});

/** A tier as written: only id, council and chairman are required; the rest take DEFAULT_POLICY's values. */
export const tierSchema = z.strictObject({
  id,
  label: z.string().trim().min(1).optional(),
  description: z.string().optional(),
  council: z
    .array(id)
    .min(1, 'needs at least one member')
    .refine((members) => new Set(members).size === members.length, 'lists a member twice'),
  chairman: id,
  fallbackChairmen: z.array(id).optional(),
  deadlinesMs: stageNumbers.optional(),
  firstTokenTimeoutMs: positiveMs.optional(),
  idleTimeoutMs: positiveMs.optional(),
  quorum: z.number().gt(0).max(1).optional(),
  straggler: z
    .strictObject({ factor: z.number().min(1).optional(), floorMs: z.number().int().nonnegative().optional() })
    .optional(),
  lateRankings: z.enum(['keep', 'cancel']).optional(),
  /** Defaults to true for councils of 4 or more. */
  excludeSelf: z.boolean().optional(),
  minAnswers: z.number().int().min(1).optional(),
  maxTokens: stageNumbers.optional(),
});

export const retrySchema = z.strictObject({
  maxAttempts: z.number().int().min(1).max(10),
  baseMs: z.number().nonnegative(),
  factor: z.number().min(1),
  capMs: z.number().nonnegative(),
});

export const circuitBreakerSchema = z.strictObject({
  failureThreshold: z.number().int().min(1).optional(),
  failureRatio: z.number().gt(0).max(1).optional(),
  minimumCalls: z.number().int().min(1).optional(),
  windowMs: positiveMs.optional(),
  cooldownMs: positiveMs.optional(),
});

/** Per-key limits (DESIGN.md §5), each optional: runs per minute, runs in flight, USD per UTC day and month. */
export const limitsSchema = z.strictObject({
  rpm: z.number().int().positive().optional(),
  concurrent: z.number().int().positive().optional(),
  dailyUsd: z.number().nonnegative().optional(),
  monthlyUsd: z.number().nonnegative().optional(),
});

function uniqueIds<T extends { id: string }>(schema: z.ZodType<T>) {
  return z.array(schema).superRefine((entries, ctx) => {
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      if (seen.has(entry.id)) {
        ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate id "${entry.id}"` });
      }
      seen.add(entry.id);
    });
  });
}

export const configFileSchema = z.strictObject({
  /** Lets editors validate the file; ignored by Quorum. */
  $schema: z.string().optional(),
  providers: uniqueIds(providerSchema).optional(),
  models: uniqueIds(modelSchema).optional(),
  tiers: uniqueIds(tierSchema).optional(),
  defaultTier: id.optional(),
  retry: retrySchema.optional(),
  circuitBreaker: circuitBreakerSchema.optional(),
  history: z.strictObject({ maxTurns: z.number().int().nonnegative() }).optional(),
  retention: z.strictObject({ llmRequestsDays: z.number().positive() }).optional(),
  limits: limitsSchema.optional(),
});

export type ProviderConfig = z.infer<typeof providerSchema>;
export type ModelConfig = z.infer<typeof modelSchema>;
export type TierConfig = z.infer<typeof tierSchema>;
export type ConfigFile = z.infer<typeof configFileSchema>;
export type RetryConfig = z.infer<typeof retrySchema>;
export type CircuitBreakerConfig = z.infer<typeof circuitBreakerSchema>;
export type LimitsConfig = z.infer<typeof limitsSchema>;
export type SimulationConfig = z.infer<typeof simulationSchema>;
