'use client';
import type { ChatTurn } from '@/lib/client/chat-turn';
import { AssistantTurn } from './assistant-turn';
import { UserMessage } from './user-message';

/** Every turn so far: the question, then the council's answer to it. */
export function ChatThread({ turns, running, onRetry }: { turns: ChatTurn[]; running: boolean; onRetry: (turnId: string) => void }) {
  if (turns.length === 0) {
    return (
      <p className="py-10 text-center text-neutral-600 dark:text-neutral-400">
        Ask a question: every council member answers, they rank each other&apos;s answers anonymously, and a chairman writes the final answer.
      </p>
    );
  }
  return (
    <ol className="space-y-4" aria-label="Conversation">
      {turns.map((turn) => (
        <li key={turn.id} className="space-y-2">
          <UserMessage text={turn.question} />
          <AssistantTurn turn={turn} canRetry={!running} onRetry={() => onRetry(turn.id)} />
        </li>
      ))}
    </ol>
  );
}
