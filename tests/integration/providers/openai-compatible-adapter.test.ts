import { describe, expect, it } from 'vitest';
import { createOpenAICompatibleModel } from '@/lib/providers/openai-compatible/create-openai-compatible-model';
import { runAdapterContract } from './adapter-contract';
import { API_KEY, collect, useFakeUpstream } from './contract-helpers';

const RATE_LIMIT_HEADERS = {
  'x-ratelimit-remaining-requests': '42',
  'x-ratelimit-remaining-tokens': '9000',
  'x-ratelimit-reset-requests': '12ms',
  'x-ratelimit-reset-tokens': '6m0s',
};

// OpenRouter-style base URL (…/api/v1): the default real provider.
runAdapterContract({
  name: 'openai-compatible (OpenRouter)',
  create: (url, options) => createOpenAICompatibleModel({ ...options, baseURL: `${url}/api/v1` }),
  finishReasons: { stop: 'stop', length: 'length' },
  reportsCost: true,
  rateLimitHeaders: RATE_LIMIT_HEADERS,
});

describe('openai-compatible base URLs', () => {
  const upstream = useFakeUpstream();

  it('works with an OpenAI-style /v1 base URL (OpenAI, Ollama, vLLM, llama.cpp) and sends the key as a bearer token', async () => {
    upstream().setScript('llama3', { content: 'local answer' });
    const model = createOpenAICompatibleModel({ id: 'local', model: 'llama3', apiKey: API_KEY, baseURL: `${upstream().url}/v1` });
    const outcome = await collect(model);

    expect(outcome.text).toBe('local answer');
    expect(upstream().requests[0].path).toBe('/v1/chat/completions');
    expect(upstream().requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect((upstream().requests[0].body as { stream_options?: unknown }).stream_options).toEqual({ include_usage: true });
  });

  it('sends the default headers (e.g. OpenRouter attribution)', async () => {
    const model = createOpenAICompatibleModel({
      id: 'm',
      model: 'x',
      apiKey: API_KEY,
      baseURL: `${upstream().url}/api/v1`,
      defaultHeaders: { 'HTTP-Referer': 'https://quorum.example', 'X-Title': 'Quorum' },
    });
    await collect(model);
    expect(upstream().requests[0].headers['x-title']).toBe('Quorum');
  });
});
