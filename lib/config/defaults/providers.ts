import type { ProviderConfig } from '../schema';

/** Built-in providers; `*_BASE_URL` environment variables override their base URLs. */
export const DEFAULT_PROVIDERS: ProviderConfig[] = [
  { id: 'openrouter', kind: 'openai-compatible', baseURL: 'https://openrouter.ai/api/v1', apiKeyEnv: 'OPENROUTER_API_KEY' },
  { id: 'openai', kind: 'openai-compatible', baseURL: 'https://api.openai.com/v1', apiKeyEnv: 'OPENAI_API_KEY' },
  { id: 'anthropic', kind: 'anthropic', baseURL: 'https://api.anthropic.com', apiKeyEnv: 'ANTHROPIC_API_KEY' },
  // Offline and free: generous limits, since nothing upstream needs protecting.
  { id: 'simulated', kind: 'simulated', maxConcurrent: 1024, maxQueue: 4096 },
];

/**
 * Bulkhead sizes for providers that leave them out. The bulkhead protects this process's memory (an
 * in-flight stream costs a socket and a few tens of KB), not the provider's quota: that is the rate
 * limiter's job, which reads the provider's own rate-limit headers. So it is sized for load, not for
 * caution: 100 councils of 4 on one provider hold ~400 stage-1 calls plus the late rankings that overlap
 * the syntheses, well within 1024, and nothing queues.
 */
export const DEFAULT_MAX_CONCURRENT = 1024;
export const DEFAULT_MAX_QUEUE = 1024;
