import { describe, expect, it } from 'vitest';
import { createAnthropicModel } from '@/lib/providers/anthropic/create-anthropic-model';
import { runAdapterContract } from './adapter-contract';
import { API_KEY, chatRequest, collect, useFakeUpstream } from './contract-helpers';

runAdapterContract({
  name: 'anthropic',
  create: (url, options) => createAnthropicModel({ ...options, baseURL: url }),
  finishReasons: { stop: 'end_turn', length: 'max_tokens' },
  reportsCost: false,
  rateLimitHeaders: {
    'anthropic-ratelimit-requests-remaining': '17',
    'anthropic-ratelimit-requests-reset': '2026-11-23T10:00:30Z',
    'anthropic-ratelimit-tokens-remaining': '80000',
  },
});

describe('anthropic messages', () => {
  const upstream = useFakeUpstream();

  it('sends the system prompt as the top-level system field, not as a message', async () => {
    const model = createAnthropicModel({ id: 'm', model: 'claude-x', apiKey: API_KEY, baseURL: upstream().url });
    await collect(model, chatRequest());

    const body = upstream().requests[0].body as { system?: string; messages: { role: string }[] };
    expect(body.system).toBe('You are a council member.');
    expect(body.messages.map((m) => m.role)).toEqual(['user']);
    expect(upstream().requests[0].path).toBe('/v1/messages');
  });
});
