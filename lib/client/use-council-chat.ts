'use client';
/**
 * The chat's state: turns, each folded from its council stream by reduceRun. Events are buffered and folded
 * once per animation frame so that a burst of deltas costs one render, not one per token.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CouncilEvent } from '@/lib/council/events';
import type { ChatTurn } from './chat-turn';
import { cancelLocally } from './cancel-locally';
import { CouncilStreamError } from './council-stream-error';
import { initialRunState, reduceRun } from './run-reducer';
import { followRunEvents } from './follow-run';
import { resumableStream } from './resumable-stream';
import { stopRun } from './stop-run';
import { streamCouncil } from './stream-council';
import { announceConversationsChanged } from './conversations-changed';

export interface CouncilChat {
  turns: ChatTurn[];
  running: boolean;
  send(question: string, tier: string): void;
  stop(): void;
  retry(turnId: string): void;
}

interface ActiveRun {
  turnId: string;
  controller: AbortController;
  /** Known from the first event; Stop asks the server to cancel it. */
  runId: string | null;
  /** Set once Stop was pressed: clears the fallback that drops the stream if the server's word never comes. */
  clearStop?: () => void;
  stopping?: boolean;
}

function newId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export function useCouncilChat(): CouncilChat {
  const [turns, setTurns] = useState<ChatTurn[]>([]);
  const [running, setRunning] = useState(false);
  const active = useRef<ActiveRun | null>(null);
  const conversationId = useRef<string | null>(null);
  const buffer = useRef<CouncilEvent[]>([]);
  const frame = useRef<number | null>(null);

  const updateTurn = useCallback((turnId: string, update: (turn: ChatTurn) => ChatTurn) => {
    setTurns((prev) => prev.map((t) => (t.id === turnId ? update(t) : t)));
  }, []);

  const flush = useCallback(
    (turnId: string) => {
      frame.current = null;
      const batch = buffer.current.splice(0);
      if (batch.length > 0) updateTurn(turnId, (t) => ({ ...t, run: batch.reduce(reduceRun, t.run) }));
    },
    [updateTurn],
  );

  const start = useCallback(
    async (turnId: string, question: string, tier: string) => {
      const controller = new AbortController();
      const current: ActiveRun = { turnId, controller, runId: null };
      active.current = current;
      setRunning(true);
      conversationId.current ??= newId();
      let error: string | null = null;
      try {
        // A dropped connection does not end the run (the server keeps it for the detach grace): follow it again.
        const events = resumableStream(streamCouncil({ question, tier, conversationId: conversationId.current }, { signal: controller.signal }), {
          signal: controller.signal,
          follow: (runId, afterSeq, signal) => followRunEvents(runId, afterSeq, { signal }),
          onReconnecting: (reconnecting) => updateTurn(turnId, (t) => ({ ...t, reconnecting })),
        });
        for await (const event of events) {
          if (current.runId === null) {
            current.runId = event.runId;
            // Stop was pressed before the run was known: ask the server now.
            if (current.stopping) {
              current.clearStop?.();
              current.clearStop = stopRun(current.runId, current.controller);
            }
          }
          // The server has stored the conversation by its first event: show it in the history at once.
          if (event.type === 'run.started') announceConversationsChanged();
          buffer.current.push(event);
          frame.current ??= requestAnimationFrame(() => flush(turnId));
        }
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
        if (e instanceof CouncilStreamError && e.retryAfterSeconds) error += ` Retry in about ${e.retryAfterSeconds} s.`;
      } finally {
        current.clearStop?.();
        if (frame.current !== null) cancelAnimationFrame(frame.current);
        flush(turnId);
        // After the server's own run.cancelled this folds to nothing: the reducer ignores what follows a terminal event.
        const stopped = controller.signal.aborted;
        updateTurn(turnId, (t) => ({
          ...t,
          streaming: false,
          error,
          run: stopped ? cancelLocally(t.run) : t.run,
        }));
        if (active.current?.controller === controller) active.current = null;
        setRunning(false);
        announceConversationsChanged();
      }
    },
    [flush, updateTurn],
  );

  const send = useCallback(
    (question: string, tier: string) => {
      if (active.current) return;
      const turn: ChatTurn = { id: newId(), question, tier, run: initialRunState(), streaming: true, error: null };
      setTurns((prev) => [...prev, turn]);
      void start(turn.id, question, tier);
    },
    [start],
  );

  const retry = useCallback(
    (turnId: string) => {
      if (active.current) return;
      const turn = turns.find((t) => t.id === turnId);
      if (!turn) return;
      updateTurn(turnId, (t) => ({ ...t, run: initialRunState(), streaming: true, error: null }));
      void start(turnId, turn.question, turn.tier);
    },
    [start, turns, updateTurn],
  );

  const stop = useCallback(() => {
    const current = active.current;
    if (!current || current.stopping) return;
    current.stopping = true;
    current.clearStop = stopRun(current.runId, current.controller);
  }, []);

  // Leaving the page only detaches: the server keeps the run for the detach grace, and the history re-attaches.
  useEffect(() => () => active.current?.controller.abort(), []);

  return { turns, running, send, stop, retry };
}
