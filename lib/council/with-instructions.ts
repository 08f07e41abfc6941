import type { ChatMessage } from './chat-model';

/**
 * Adds the caller's own instructions (an API client's system messages) right after our system prompt, for the
 * calls whose text the user reads: the members' answers and the chairman's synthesis. Judges do not get them:
 * they rank, and "answer in French" or a persona has nothing to say about how to rank.
 */
export function withInstructions(messages: ChatMessage[], instructions: string | undefined): ChatMessage[] {
  const text = instructions?.trim();
  if (!text) return messages;
  const at = messages.findIndex((message) => message.role !== 'system');
  const index = at === -1 ? messages.length : at;
  return [...messages.slice(0, index), { role: 'system', content: `Instructions from the user's application:\n${text}` }, ...messages.slice(index)];
}
