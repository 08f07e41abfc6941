import type { ProviderConfig } from '../schema';

/** Built-in providers; `*_BASE_URL` environment variables override their base URLs. */
export const DEFAULT_PROVIDERS: ProviderConfig[] = [
  { id: 'openrouter', kind: 'openai-compatible', baseURL: 'https://openrouter.ai/api/v1', apiKeyEnv: 'OPENROUTER_API_KEY' },
  { id: 'openai', kind: 'openai-compatible', baseURL: 'https://api.openai.com/v1', apiKeyEnv: 'OPENAI_API_KEY' },
  { id: 'anthropic', kind: 'anthropic', baseURL: 'https://api.anthropic.com', apiKeyEnv: 'ANTHROPIC_API_KEY' },
  // Offline and free: generous limits, since nothing upstream needs protecting.
  { id: 'simulated', kind: 'simulated', maxConcurrent: 1024, maxQueue: 4096 },
];

/** Bulkhead sizes for providers that leave them out. */
export const DEFAULT_MAX_CONCURRENT = 128;
export const DEFAULT_MAX_QUEUE = 512;
