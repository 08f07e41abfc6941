import type { ChatMessage, TokenUsage } from './chat-model';
import { costUsd, type Pricing } from '@/lib/pricing/pricing';

/** About four characters to a token, as the limiter and the worst-case budget estimate. */
const CHARS_PER_TOKEN = 4;

export function estimateTokensOf(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

/** The prompt of a call, estimated from the characters of its messages. */
export function estimatePromptTokens(messages: ChatMessage[]): number {
  return estimateTokensOf(messages.reduce((sum, message) => sum + message.content.length, 0));
}

/**
 * What an attempt that did not complete used, as far as we can tell: an attempt that streamed text was paid for
 * its prompt and that text; one that failed before its first token is counted as nothing (the upstream refused it
 * or never answered, and providers do not bill those).
 */
export function estimateFailedAttempt(
  promptTokens: number,
  streamedText: string,
  pricing: Pricing | undefined,
): { usage: TokenUsage; costUsd?: number } {
  const usage: TokenUsage =
    streamedText === '' ? { input: 0, output: 0 } : { input: promptTokens, output: estimateTokensOf(streamedText.length) };
  const cost = costUsd(usage, pricing);
  return cost === undefined ? { usage } : { usage, costUsd: cost };
}
