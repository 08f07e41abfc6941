import type { ChatRequest } from '@/lib/council/chat-model';

/** About four characters to a token for English text: good enough to budget, not to bill. */
const CHARS_PER_TOKEN = 4;

/** A rough upper estimate of a call's tokens (prompt + the most it may write), for the rate limiter. */
export function estimateTokens(request: ChatRequest): number {
  const chars = request.messages.reduce((sum, message) => sum + message.content.length, 0);
  return Math.ceil(chars / CHARS_PER_TOKEN) + request.maxTokens;
}
