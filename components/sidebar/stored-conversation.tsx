'use client';
import { useEffect, useState } from 'react';
import type { ChatTurn } from '@/lib/client/chat-turn';
import { ChatThread } from '../chat-thread';
import { exportUrl, fetchConversation, type ConversationView } from './conversations-api';
import { replayTurns } from './replay-turns';

/** A saved conversation, each run replayed from its stored events through the live stream's reducer. */
export function StoredConversation({ id, onBack }: { id: string; onBack: () => void }) {
  const [state, setState] = useState<{ id: string; conversation: ConversationView; turns: ChatTurn[] } | { id: string; error: string } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetchConversation(id, controller.signal)
      .then((conversation) => setState({ id, conversation, turns: replayTurns(conversation.runs) }))
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setState({ id, error: e instanceof Error ? e.message : String(e) });
      });
    return () => controller.abort();
  }, [id]);

  const current = state?.id === id ? state : null;
  return (
    <div className="mx-auto flex min-h-dvh max-w-3xl flex-col px-3 sm:px-6" data-testid="stored-conversation">
      <header className="flex flex-wrap items-center justify-between gap-3 py-4">
        <h1 className="min-w-0 truncate text-xl font-semibold">{current && 'conversation' in current ? current.conversation.title : 'Conversation'}</h1>
        <div className="flex gap-2 text-sm">
          <a className="underline" href={exportUrl(id, 'md')} download>Markdown</a>
          <a className="underline" href={exportUrl(id, 'json')} download>JSON</a>
          <button type="button" className="underline" onClick={onBack}>Back to chat</button>
        </div>
      </header>
      <div className="flex-1 pb-6">
        {!current && <p className="text-neutral-500">Loading…</p>}
        {current && 'error' in current && <p role="alert" className="text-red-700 dark:text-red-300">{current.error}</p>}
        {/* `running` only hides Retry: a saved run is replayed, not re-asked. */}
        {current && 'turns' in current && <ChatThread turns={current.turns} running onRetry={() => undefined} />}
      </div>
      <p className="pb-4 text-xs text-neutral-500">A saved conversation, replayed from its recorded events.</p>
    </div>
  );
}
