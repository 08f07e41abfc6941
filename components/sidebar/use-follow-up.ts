'use client';
/**
 * Follow-up questions in a reopened conversation: each streams like a live turn (same client, same reducer)
 * with the stored conversation's id, so the server gives the council its history and records the run there.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { cancelLocally } from '@/lib/client/cancel-locally';
import type { ChatTurn } from '@/lib/client/chat-turn';
import { initialRunState, reduceRun } from '@/lib/client/run-reducer';
import { streamCouncil } from '@/lib/client/stream-council';

export function useFollowUp(conversationId: string) {
  const [turns, setTurns] = useState<ChatTurn[]>([]);
  const [running, setRunning] = useState(false);
  const active = useRef<AbortController | null>(null);

  const update = useCallback((id: string, change: Partial<ChatTurn>) => {
    setTurns((prev) => prev.map((t) => (t.id === id ? { ...t, ...change } : t)));
  }, []);

  const send = useCallback(
    async (question: string, tier: string | undefined) => {
      if (active.current) return;
      const controller = new AbortController();
      active.current = controller;
      const id = `follow-up-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      let run = initialRunState();
      setTurns((prev) => [...prev, { id, question, tier: tier ?? '', run, streaming: true, error: null }]);
      setRunning(true);
      let error: string | null = null;
      try {
        for await (const event of streamCouncil({ question, tier, conversationId }, { signal: controller.signal })) {
          run = reduceRun(run, event);
          update(id, { run });
        }
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      } finally {
        update(id, { run: controller.signal.aborted ? cancelLocally(run) : run, streaming: false, error });
        active.current = null;
        setRunning(false);
      }
    },
    [conversationId, update],
  );

  const stop = useCallback(() => active.current?.abort(), []);
  // Leaving the conversation stops its run, as leaving the page does for the live chat.
  useEffect(() => () => active.current?.abort(), []);

  return { turns, running, send, stop };
}
