import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import type { ChatMessage } from '@/lib/council/chat-model';

/**
 * Anthropic takes the system prompt as a top-level field, not as a message, and wants the
 * conversation to alternate user/assistant starting with the user: system messages are lifted
 * out, and neighbours with the same role are joined.
 */
export function convertToAnthropicMessages(messages: ChatMessage[]): { system?: string; messages: MessageParam[] } {
  const system = messages.filter((m) => m.role === 'system').map((m) => m.content);
  const turns: MessageParam[] = [];
  for (const message of messages) {
    if (message.role === 'system') continue;
    const last = turns[turns.length - 1];
    if (last && last.role === message.role) last.content = `${String(last.content)}\n\n${message.content}`;
    else turns.push({ role: message.role, content: message.content });
  }
  if (turns[0]?.role === 'assistant') turns.unshift({ role: 'user', content: '(continue)' });
  return { ...(system.length > 0 ? { system: system.join('\n\n') } : {}), messages: turns };
}
