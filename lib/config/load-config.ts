import { readFileSync } from 'node:fs';
import { buildConfig } from './build-config';
import { ConfigError } from './config-error';
import { parseEnv, type EnvSource } from './env';
import { formatIssuePath } from './format-issue-path';
import { configFileSchema, type ConfigFile } from './schema';
import type { ResolvedConfig } from './resolved-config';

export interface LoadConfigOptions {
  /** The process environment by default. */
  env?: EnvSource;
  /** Reads the QUORUM_CONFIG file; node's readFileSync by default. */
  readFile?: (path: string) => string;
}

/**
 * The one entry point: validates the environment, reads QUORUM_CONFIG if set, and resolves the config.
 * Throws ConfigError naming every offending field path or variable (never a key's value).
 */
export function loadConfig(options: LoadConfigOptions = {}): ResolvedConfig {
  const source = options.env ?? process.env;
  const env = parseEnv(source);
  const file = env.QUORUM_CONFIG ? readConfigFile(env.QUORUM_CONFIG, options.readFile) : {};
  return buildConfig(file, env, source, env.QUORUM_CONFIG);
}

/** Parses and schema-checks a config file's text; `origin` names it in errors. */
export function parseConfigText(text: string, origin: string): ConfigFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`Invalid configuration in ${origin}`, [`not valid JSON: ${(error as Error).message}`]);
  }
  const result = configFileSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${describeIssue(issue)}`);
    throw new ConfigError(`Invalid configuration in ${origin}`, problems);
  }
  return result.data;
}

function readConfigFile(path: string, readFile = (p: string) => readFileSync(p, 'utf8')): ConfigFile {
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ConfigError('Cannot read the config file', [`QUORUM_CONFIG: cannot read "${path}" (${code})`]);
  }
  return parseConfigText(text, path);
}

function describeIssue(issue: { code: string; message: string; keys?: string[] }): string {
  if (issue.code === 'unrecognized_keys' && issue.keys) return `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return issue.message;
}
