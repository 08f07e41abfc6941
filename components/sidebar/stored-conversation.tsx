'use client';
import { useEffect, useState } from 'react';
import type { ChatTurn } from '@/lib/client/chat-turn';
import { ChatThread } from '../chat-thread';
import { exportUrl, fetchConversation, type ConversationView } from './conversations-api';
import { FollowUpComposer } from './follow-up-composer';
import { replayTurns } from './replay-turns';
import { useFollowUp } from './use-follow-up';
import { useReattachedTurns } from './use-reattached-turns';

/** A saved conversation, each run replayed from its stored events through the live stream's reducer. */
export function StoredConversation({ id, title, onBack }: { id: string; title?: string; onBack: () => void }) {
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

  const followUp = useFollowUp(id);
  const current = state?.id === id ? state : null;
  const reattached = useReattachedTurns(current && 'turns' in current ? current.turns : null);
  const lastTier = current && 'conversation' in current ? current.conversation.runs.at(-1)?.tier : undefined;
  return (
    <div className="mx-auto flex min-h-dvh max-w-3xl flex-col px-3 sm:px-6" data-testid="stored-conversation">
      <header className="flex flex-wrap items-center justify-between gap-3 py-4">
        <h1 className="min-w-0 truncate text-xl font-semibold">{title ?? (current && 'conversation' in current ? current.conversation.title : 'Conversation')}</h1>
        <div className="flex gap-2 text-sm">
          <a className="underline" href={exportUrl(id, 'md')} download>Markdown</a>
          <a className="underline" href={exportUrl(id, 'json')} download>JSON</a>
          <button type="button" className="underline" onClick={onBack}>Back to chat</button>
        </div>
      </header>
      <main className="flex-1 pb-6">
        {!current && <p className="text-neutral-600 dark:text-neutral-400">Loading…</p>}
        {current && 'error' in current && <p role="alert" className="text-red-700 dark:text-red-300">{current.error}</p>}
        {/* `running` only hides Retry: a saved run is replayed, not re-asked. */}
        {current && 'turns' in current && <ChatThread turns={[...(reattached.turns ?? current.turns), ...followUp.turns]} running onRetry={() => undefined} />}
      </main>
      {current && 'turns' in current && (
        <footer className="sticky bottom-0 bg-white/95 py-3 backdrop-blur dark:bg-neutral-950/95">
          <FollowUpComposer
            running={followUp.running || reattached.running}
            onSend={(q) => void followUp.send(q, lastTier)}
            onStop={followUp.running ? followUp.stop : reattached.stop}
          />
          <p className="pt-1 text-xs text-neutral-600 dark:text-neutral-400">A saved conversation, replayed from its recorded events; a follow-up continues it.</p>
        </footer>
      )}
    </div>
  );
}
