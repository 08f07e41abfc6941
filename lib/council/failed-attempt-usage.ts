import type { ChatMessage, TokenUsage } from './chat-model';

/** About four characters to a token, as the worst case and the limiter estimate (lib/pricing/worst-case-cost.ts). */
const CHARS_PER_TOKEN = 4;
/** Role and framing tokens per message. */
const TOKENS_PER_MESSAGE = 4;

/**
 * Failures that happen before the upstream bills anything: our own breaker, bulkhead or limiter kept the call
 * back, or the upstream answered with an error status instead of a completion.
 */
function unbilled(reason: string): boolean {
  return reason === 'circuit_open' || reason === 'overloaded' || reason === 'rate_limited' || reason.startsWith('http_');
}

/**
 * What an attempt that failed or was cut likely used, for the budget: upstreams report usage only at the end of
 * a stream, which such an attempt never reaches. Its prompt counts unless the failure was unbilled, and the
 * text it streamed counts as output. An estimate that errs high: a cancelled or timed-out request may already
 * have been read by the model.
 */
export function failedAttemptUsage(reason: string, messages: ChatMessage[], partialText: string): TokenUsage {
  const output = Math.ceil(partialText.length / CHARS_PER_TOKEN);
  if (output === 0 && unbilled(reason)) return { input: 0, output: 0 };
  const input = messages.reduce((sum, m) => sum + Math.ceil(m.content.length / CHARS_PER_TOKEN) + TOKENS_PER_MESSAGE, 0);
  return { input, output };
}
