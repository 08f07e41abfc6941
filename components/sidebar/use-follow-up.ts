'use client';
/**
 * Follow-up questions in a reopened conversation: each streams like a live turn (same client, same reducer)
 * with the stored conversation's id, so the server gives the council its history and records the run there.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { learnRunId, pressStop, type ActiveRun } from '@/lib/client/active-run';
import { cancelLocally } from '@/lib/client/cancel-locally';
import type { ChatTurn } from '@/lib/client/chat-turn';
import { initialRunState, reduceRun } from '@/lib/client/run-reducer';
import { followRunEvents } from '@/lib/client/follow-run';
import { resumableStream } from '@/lib/client/resumable-stream';
import { streamCouncil } from '@/lib/client/stream-council';

export function useFollowUp(conversationId: string) {
  const [turns, setTurns] = useState<ChatTurn[]>([]);
  const [running, setRunning] = useState(false);
  const active = useRef<ActiveRun | null>(null);

  const update = useCallback((id: string, change: Partial<ChatTurn>) => {
    setTurns((prev) => prev.map((t) => (t.id === id ? { ...t, ...change } : t)));
  }, []);

  const send = useCallback(
    async (question: string, tier: string | undefined) => {
      if (active.current) return;
      const controller = new AbortController();
      const current: ActiveRun = { controller, runId: null };
      active.current = current;
      const id = `follow-up-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      let run = initialRunState();
      setTurns((prev) => [...prev, { id, question, tier: tier ?? '', run, streaming: true, error: null }]);
      setRunning(true);
      let error: string | null = null;
      try {
        const events = resumableStream(streamCouncil({ question, tier, conversationId }, { signal: controller.signal }), {
          signal: controller.signal,
          follow: (runId, afterSeq, signal) => followRunEvents(runId, afterSeq, { signal }),
          onReconnecting: (reconnecting) => update(id, { reconnecting }),
        });
        for await (const event of events) {
          learnRunId(current, event.runId);
          run = reduceRun(run, event);
          update(id, { run });
        }
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      } finally {
        current.clearStop?.();
        update(id, { run: controller.signal.aborted ? cancelLocally(run) : run, streaming: false, error });
        active.current = null;
        setRunning(false);
      }
    },
    [conversationId, update],
  );

  const stop = useCallback(() => pressStop(active.current), []);
  // Leaving the conversation only detaches: the run goes on for the detach grace and reopening re-attaches.
  useEffect(() => () => active.current?.controller.abort(), []);

  return { turns, running, send, stop };
}
