import { describe, expect, it } from 'vitest';
import { parseRateLimitHeaders } from '@/lib/providers/resilience/parse-rate-limit-headers';

const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('parseRateLimitHeaders', () => {
  it("reads OpenAI's remaining counts and duration resets", () => {
    const headers = new Headers({
      'x-ratelimit-remaining-requests': '59',
      'x-ratelimit-reset-requests': '1s',
      'x-ratelimit-remaining-tokens': '149984',
      'x-ratelimit-reset-tokens': '6m0s',
    });
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({
      remainingRequests: 59,
      requestsResetMs: 1_000,
      remainingTokens: 149_984,
      tokensResetMs: 360_000,
    });
  });

  it("reads Anthropic's remaining counts and ISO reset times", () => {
    const headers = new Headers({
      'anthropic-ratelimit-requests-remaining': '0',
      'anthropic-ratelimit-requests-reset': '2026-01-01T00:00:02.500Z',
      'anthropic-ratelimit-tokens-remaining': '1200',
      'anthropic-ratelimit-tokens-reset': '2026-01-01T00:01:00Z',
    });
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({
      remainingRequests: 0,
      requestsResetMs: 2_500,
      remainingTokens: 1_200,
      tokensResetMs: 60_000,
    });
  });

  it("falls back to Anthropic's input-token window when no combined one is sent", () => {
    const headers = new Headers({
      'anthropic-ratelimit-input-tokens-remaining': '500',
      'anthropic-ratelimit-input-tokens-reset': '2026-01-01T00:00:10Z',
    });
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({ remainingTokens: 500, tokensResetMs: 10_000 });
  });

  it("reads OpenRouter's remaining count with its epoch-ms reset", () => {
    const headers = new Headers({ 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': String(NOW + 4_000) });
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({ remainingRequests: 3, requestsResetMs: 4_000 });
  });

  it('reads retry-after-ms before retry-after, and retry-after as seconds or an HTTP date', () => {
    expect(parseRateLimitHeaders(new Headers({ 'retry-after-ms': '150', 'retry-after': '9' }), NOW)).toEqual({
      retryAfterMs: 150,
    });
    expect(parseRateLimitHeaders(new Headers({ 'retry-after': '2' }), NOW)).toEqual({ retryAfterMs: 2_000 });
    expect(
      parseRateLimitHeaders(new Headers({ 'retry-after': new Date(NOW + 3_000).toUTCString() }), NOW),
    ).toEqual({ retryAfterMs: 3_000 });
  });

  it('treats a reset in the past as due now', () => {
    const headers = new Headers({
      'anthropic-ratelimit-requests-remaining': '0',
      'anthropic-ratelimit-requests-reset': '2025-12-31T23:59:00Z',
    });
    expect(parseRateLimitHeaders(headers, NOW).requestsResetMs).toBe(0);
  });

  it('leaves out malformed values instead of guessing', () => {
    const headers = new Headers({
      'x-ratelimit-remaining-requests': 'lots',
      'x-ratelimit-reset-requests': 'soon',
      'retry-after': 'later',
    });
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({});
  });

  it('says nothing about a response without rate-limit headers', () => {
    expect(parseRateLimitHeaders(new Headers({ 'content-type': 'application/json' }), NOW)).toEqual({});
  });
});
