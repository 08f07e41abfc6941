import { afterAll } from 'vitest';
import { createAnthropicModel } from '@/lib/providers/anthropic/create-anthropic-model';
import { createPooledFetch } from '@/lib/providers/http/pooled-fetch';
import { createOpenAICompatibleModel } from '@/lib/providers/openai-compatible/create-openai-compatible-model';
import { runAdapterContract } from './adapter-contract';

// The same contract with the SDKs on the node:http keep-alive pool instead of the global fetch.
const pooled = createPooledFetch();
afterAll(() => pooled.close());

runAdapterContract({
  name: 'openai-compatible over the pooled fetch',
  create: (url, options) => createOpenAICompatibleModel({ ...options, baseURL: `${url}/api/v1`, fetch: pooled.fetch }),
  finishReasons: { stop: 'stop', length: 'length' },
  reportsCost: true,
  rateLimitHeaders: { 'x-ratelimit-remaining-requests': '42', 'x-ratelimit-reset-requests': '1s' },
});

runAdapterContract({
  name: 'anthropic over the pooled fetch',
  create: (url, options) => createAnthropicModel({ ...options, baseURL: url, fetch: pooled.fetch }),
  finishReasons: { stop: 'end_turn', length: 'max_tokens' },
  reportsCost: false,
  rateLimitHeaders: { 'anthropic-ratelimit-requests-remaining': '17', 'anthropic-ratelimit-requests-reset': '2026-11-23T10:00:30Z' },
});
