'use client';
/**
 * The chat's state: turns, each folded from its council stream by reduceRun. Events are buffered and folded
 * once per animation frame so that a burst of deltas costs one render, not one per token.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CouncilEvent } from '@/lib/council/events';
import type { ChatTurn } from './chat-turn';
import { pickRequestFields, type CouncilPick } from './council-pick';
import { cancelLocally } from './cancel-locally';
import { describeStreamFailure } from './describe-stream-failure';
import { initialRunState, reduceRun } from './run-reducer';
import { followRunEvents } from './follow-run';
import { resumableStream } from './resumable-stream';
import { learnRunId, pressStop, type ActiveRun } from './active-run';
import { streamCouncil } from './stream-council';
import { announceConversationsChanged } from './conversations-changed';

export interface CouncilChat {
  turns: ChatTurn[];
  running: boolean;
  /** Asks the tier's council, or `pick` (members, chairman, mode) on the tier's rules. */
  send(question: string, tier: string, pick?: CouncilPick): void;
  stop(): void;
  retry(turnId: string): void;
}

interface ActiveTurnRun extends ActiveRun {
  turnId: string;
}

/** A v4 UUID (the server accepts nothing else). randomUUID exists only in secure contexts; plain http on a LAN
 * name is not one, but getRandomValues works everywhere. */
function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function useCouncilChat(): CouncilChat {
  const [turns, setTurns] = useState<ChatTurn[]>([]);
  const [running, setRunning] = useState(false);
  const active = useRef<ActiveTurnRun | null>(null);
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
    async (turnId: string, question: string, tier: string, pick?: CouncilPick) => {
      const controller = new AbortController();
      const current: ActiveTurnRun = { turnId, controller, runId: null };
      active.current = current;
      setRunning(true);
      conversationId.current ??= newId();
      let error: string | null = null;
      try {
        // A dropped connection does not end the run (the server keeps it for the detach grace): follow it again.
        const body = { question, tier, conversationId: conversationId.current, ...(pick ? pickRequestFields(pick) : {}) };
        const events = resumableStream(streamCouncil(body, { signal: controller.signal }), {
          signal: controller.signal,
          follow: (runId, afterSeq, signal) => followRunEvents(runId, afterSeq, { signal }),
          onReconnecting: (reconnecting) => updateTurn(turnId, (t) => ({ ...t, reconnecting })),
        });
        for await (const event of events) {
          learnRunId(current, event.runId);
          // The server has stored the conversation by its first event: show it in the history at once.
          if (event.type === 'run.started') announceConversationsChanged();
          buffer.current.push(event);
          frame.current ??= requestAnimationFrame(() => flush(turnId));
        }
      } catch (e) {
        error = describeStreamFailure(e);
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
    (question: string, tier: string, pick?: CouncilPick) => {
      if (active.current) return;
      const turn: ChatTurn = { id: newId(), question, tier, ...(pick ? { pick } : {}), run: initialRunState(), streaming: true, error: null };
      setTurns((prev) => [...prev, turn]);
      void start(turn.id, question, tier, pick);
    },
    [start],
  );

  const retry = useCallback(
    (turnId: string) => {
      if (active.current) return;
      const turn = turns.find((t) => t.id === turnId);
      if (!turn) return;
      updateTurn(turnId, (t) => ({ ...t, run: initialRunState(), streaming: true, error: null }));
      void start(turnId, turn.question, turn.tier, turn.pick);
    },
    [start, turns, updateTurn],
  );

  const stop = useCallback(() => pressStop(active.current), []);

  // Leaving the page only detaches: the server keeps the run for the detach grace, and the history re-attaches.
  useEffect(() => () => active.current?.controller.abort(), []);

  return { turns, running, send, stop, retry };
}
