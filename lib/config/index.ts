/** lib/config: the zod-validated config file and environment, with built-in defaults. */
export { loadConfig, parseConfigText, type LoadConfigOptions } from './load-config';
export { buildConfig } from './build-config';
export { parseEnv, readKey, type Env, type EnvSource } from './env';
export { ConfigError } from './config-error';
export { configFileSchema, type ConfigFile, type ModelConfig, type ProviderConfig, type TierConfig } from './schema';
export type { ResolvedConfig, ResolvedProvider, ResolvedTier } from './resolved-config';
