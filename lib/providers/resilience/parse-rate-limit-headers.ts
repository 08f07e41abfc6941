import { parseRetryAfter } from '../http/retry-after';
import { parseDuration } from './parse-duration';

/** What a response's headers say about the provider's rate limits; resets are ms from the response. */
export interface RateLimitSnapshot {
  remainingRequests?: number;
  requestsResetMs?: number;
  remainingTokens?: number;
  tokensResetMs?: number;
  /** From retry-after-ms or retry-after (seconds or an HTTP date). */
  retryAfterMs?: number;
}

/**
 * Reads the rate-limit headers of OpenAI (x-ratelimit-remaining-requests/-tokens with
 * x-ratelimit-reset-requests/-tokens as "6m0s" durations), Anthropic (anthropic-ratelimit-requests-*
 * and -tokens-* with an RFC 3339 reset time), OpenRouter (x-ratelimit-remaining with
 * x-ratelimit-reset in epoch ms) and retry-after. Unknown or malformed values are left out.
 * `wallNowMs` is the wall-clock time the absolute resets are measured from.
 */
export function parseRateLimitHeaders(headers: Headers, wallNowMs: number = Date.now()): RateLimitSnapshot {
  const snapshot: RateLimitSnapshot = {};
  const requests =
    readCount(headers, 'x-ratelimit-remaining-requests') ??
    readCount(headers, 'anthropic-ratelimit-requests-remaining') ??
    readCount(headers, 'x-ratelimit-remaining');
  const requestsReset =
    readReset(headers.get('x-ratelimit-reset-requests'), wallNowMs) ??
    readReset(headers.get('anthropic-ratelimit-requests-reset'), wallNowMs) ??
    readEpochMs(headers.get('x-ratelimit-reset'), wallNowMs);
  const tokens =
    readCount(headers, 'x-ratelimit-remaining-tokens') ??
    readCount(headers, 'anthropic-ratelimit-tokens-remaining') ??
    readCount(headers, 'anthropic-ratelimit-input-tokens-remaining');
  const tokensReset =
    readReset(headers.get('x-ratelimit-reset-tokens'), wallNowMs) ??
    readReset(headers.get('anthropic-ratelimit-tokens-reset'), wallNowMs) ??
    readReset(headers.get('anthropic-ratelimit-input-tokens-reset'), wallNowMs);
  if (requests !== undefined) snapshot.remainingRequests = requests;
  if (requestsReset !== undefined) snapshot.requestsResetMs = requestsReset;
  if (tokens !== undefined) snapshot.remainingTokens = tokens;
  if (tokensReset !== undefined) snapshot.tokensResetMs = tokensReset;
  const retryAfter = parseRetryAfter(headers, wallNowMs);
  if (retryAfter !== undefined) snapshot.retryAfterMs = retryAfter;
  return snapshot;
}

function readCount(headers: Headers, name: string): number | undefined {
  const value = headers.get(name);
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

/** A duration ("1s", "6m0s"), a bare number of seconds, or an absolute ISO time. */
function readReset(value: string | null, wallNowMs: number): number | undefined {
  if (value === null) return undefined;
  const duration = parseDuration(value);
  if (duration !== undefined) return duration;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - wallNowMs);
}

function readEpochMs(value: string | null, wallNowMs: number): number | undefined {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Math.max(0, Number(value) - wallNowMs);
}
