/**
 * The environment, validated once with zod. A malformed setting is a start-up error naming the variable;
 * values (keys above all) never appear in the message.
 */
import { z } from 'zod';
import { ConfigError } from './config-error';
import { formatIssuePath } from './format-issue-path';

/** Empty strings count as unset: `OPENAI_API_KEY=` in a .env file means "no key". */
const optionalString = z.preprocess((value) => (value === '' ? undefined : value), z.string().optional());
const optionalUrl = z.preprocess((value) => (value === '' ? undefined : value), z.url().optional());

function optionalMs(min: number, max: number) {
  return z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(min).max(max).optional());
}

export const envSchema = z.object({
  OPENROUTER_API_KEY: optionalString,
  OPENAI_API_KEY: optionalString,
  ANTHROPIC_API_KEY: optionalString,
  OPENROUTER_BASE_URL: optionalUrl,
  OPENAI_BASE_URL: optionalUrl,
  ANTHROPIC_BASE_URL: optionalUrl,
  /** Path to the JSON config file. */
  QUORUM_CONFIG: optionalString,
  QUORUM_DATA_DIR: z.preprocess((value) => (value === '' ? undefined : value), z.string().default('./data')),
  /** A PostgreSQL URL switches storage from SQLite to PostgreSQL. */
  DATABASE_URL: optionalString,
  /** A Redis URL shares limiter, breaker, in-flight and per-key state across instances (DESIGN.md §7). */
  REDIS_URL: optionalString,
  /** How often a quiet API stream (/v1, /mcp) sends an SSE comment so that proxies keep it open, ms. */
  QUORUM_HEARTBEAT_MS: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(50).max(120_000).optional()),
  /** Prefix of this process's instance id (a random suffix is added: a restart is a new instance). */
  QUORUM_INSTANCE_ID: optionalString,
  /** How long an instance's run lease lasts without renewal, ms (DESIGN.md §7). */
  QUORUM_LEASE_MS: optionalMs(1_000, 600_000),
  /** How often the lease is renewed and lapsed instances' runs are looked for, ms. */
  QUORUM_LEASE_RENEW_MS: optionalMs(100, 300_000),
  /** How long live runs may finish after SIGTERM / SIGINT before they are cancelled, ms. */
  QUORUM_DRAIN_MS: optionalMs(0, 3_600_000),
  /** A client that takes no SSE bytes for this long (its buffer full) has its run cancelled: client_stalled. */
  QUORUM_CLIENT_STALL_MS: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce.number().int().min(100).max(3_600_000).optional(),
  ),
  /** How long a browser run goes on with nobody following it before it is cancelled (DESIGN.md §7). */
  QUORUM_DETACH_GRACE_MS: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce.number().int().min(0).max(3_600_000).default(15_000),
  ),
  PORT: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(1).max(65535).optional()),
});

export type Env = z.infer<typeof envSchema>;

/** Raw variables as given by the process; custom providers name their own key variables (`apiKeyEnv`). */
export type EnvSource = Record<string, string | undefined>;

/** Built-in providers whose base URL an environment variable overrides. */
export const BASE_URL_ENV: Record<string, keyof Env> = {
  openrouter: 'OPENROUTER_BASE_URL',
  openai: 'OPENAI_BASE_URL',
  anthropic: 'ANTHROPIC_BASE_URL',
};

export function parseEnv(source: EnvSource = process.env): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  // Name the variable and what is wrong with it, never its value.
  const problems = result.error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`);
  throw new ConfigError('Invalid environment', problems);
}

/** Reads a key variable; blank counts as missing. */
export function readKey(source: EnvSource, name: string): string | undefined {
  const value = source[name]?.trim();
  return value ? value : undefined;
}
