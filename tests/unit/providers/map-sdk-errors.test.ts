import { describe, expect, it } from 'vitest';
import * as OpenAISdk from 'openai';
import * as AnthropicSdk from '@anthropic-ai/sdk';
import { ModelCallError } from '@/lib/council/model-call-error';
import { mapOpenAIError } from '@/lib/providers/openai-compatible/map-openai-error';
import { mapAnthropicError } from '@/lib/providers/anthropic/map-anthropic-error';

const ctx = { modelId: 'm', apiKey: 'sk-very-secret-key' };

describe.each([
  { name: 'openai', sdk: OpenAISdk, map: mapOpenAIError },
  { name: 'anthropic', sdk: AnthropicSdk, map: mapAnthropicError },
])('$name SDK errors', ({ sdk, map }) => {
  it('maps an HTTP error with its status and retry-after', () => {
    const error = sdk.APIError.generate(503, { error: { message: 'busy' } }, undefined, new Headers({ 'retry-after-ms': '40' }));
    expect(map(error, ctx)).toMatchObject({ reason: 'http_503', retryable: true, status: 503, retryAfterMs: 40 });
  });

  it('maps a user abort, or anything after the signal fired, to a cancelled call that is not retried', () => {
    expect(map(new sdk.APIUserAbortError(), ctx)).toMatchObject({ reason: 'cancelled', retryable: false });
    const controller = new AbortController();
    controller.abort();
    expect(map(new TypeError('terminated'), ctx, controller.signal)).toMatchObject({ reason: 'cancelled', retryable: false });
  });

  it('maps a connection failure to a retryable network error naming the cause', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const mapped = map(new sdk.APIConnectionError({ cause: new TypeError('fetch failed', { cause }) }), ctx);
    expect(mapped).toMatchObject({ reason: 'network', retryable: true });
    expect(mapped.message).toContain('ECONNREFUSED');
  });

  it('maps a connection timeout to a retryable timeout', () => {
    expect(map(new sdk.APIConnectionTimeoutError(), ctx)).toMatchObject({ reason: 'timeout', retryable: true });
  });

  it('maps malformed JSON in the stream to a retryable invalid_response', () => {
    expect(map(new SyntaxError('Unexpected token'), ctx)).toMatchObject({ reason: 'invalid_response', retryable: true });
  });

  it('maps a socket torn down mid-stream to a retryable network error', () => {
    expect(map(new TypeError('terminated'), ctx)).toMatchObject({ reason: 'network', retryable: true });
  });

  it('passes a ModelCallError through untouched', () => {
    const original = new ModelCallError({ reason: 'empty', message: 'x' });
    expect(map(original, ctx)).toBe(original);
  });
});

describe('errors inside an already-started stream', () => {
  it('openai: an error object with an HTTP code maps to that status', () => {
    const error = new OpenAISdk.APIError(undefined, { code: 502, message: 'provider down' }, undefined, new Headers());
    expect(mapOpenAIError(error, ctx)).toMatchObject({ reason: 'http_502', retryable: true });
  });

  it('anthropic: an overloaded_error event is a retryable 529', () => {
    const body = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
    const error = new AnthropicSdk.APIError(undefined, body, undefined, new Headers(), 'overloaded_error');
    expect(mapAnthropicError(error, ctx)).toMatchObject({ reason: 'http_529', retryable: true });
  });
});
