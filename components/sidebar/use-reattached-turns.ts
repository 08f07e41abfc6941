'use client';
/**
 * A reopened conversation whose last run is still running on the server (the page was reloaded, or the
 * browser came back): follow that run from the last stored seq and fold it live, as the chat would have.
 */
import { useEffect, useState } from 'react';
import type { ChatTurn } from '@/lib/client/chat-turn';
import { followRunEvents, requestCancel } from '@/lib/client/follow-run';
import { resumableStream } from '@/lib/client/resumable-stream';
import { reduceRun } from '@/lib/client/run-reducer';

export interface ReattachedTurns {
  turns: ChatTurn[] | null;
  /** True while a re-attached run is still going. */
  running: boolean;
  /** Stop: asks the server to cancel the re-attached runs; their run.cancelled comes back on the stream. */
  stop(): void;
}

export function useReattachedTurns(replayed: ChatTurn[] | null): ReattachedTurns {
  const [turns, setTurns] = useState<ChatTurn[] | null>(replayed);
  const [source, setSource] = useState(replayed);
  if (source !== replayed) {
    // A new conversation was loaded: start over from its replay (state derived from props, React's way).
    setSource(replayed);
    setTurns(replayed);
  }

  useEffect(() => {
    const running = replayed?.filter((turn) => turn.streaming && turn.run.runId) ?? [];
    if (running.length === 0) return;
    const controller = new AbortController();
    const update = (id: string, change: (turn: ChatTurn) => ChatTurn) =>
      setTurns((prev) => prev?.map((turn) => (turn.id === id ? change(turn) : turn)) ?? prev);
    for (const turn of running) {
      const runId = turn.run.runId as string;
      void (async () => {
        let error: string | null = null;
        try {
          const events = resumableStream(null, {
            runId,
            afterSeq: turn.run.lastSeq,
            signal: controller.signal,
            follow: (id, afterSeq, signal) => followRunEvents(id, afterSeq, { signal }),
            onReconnecting: (reconnecting) => update(turn.id, (t) => ({ ...t, reconnecting })),
          });
          for await (const event of events) update(turn.id, (t) => ({ ...t, run: reduceRun(t.run, event) }));
        } catch (e) {
          error = e instanceof Error ? e.message : String(e);
        } finally {
          if (!controller.signal.aborted) update(turn.id, (t) => ({ ...t, streaming: false, error }));
        }
      })();
    }
    return () => controller.abort();
  }, [replayed]);

  const streaming = turns?.filter((turn) => turn.streaming && turn.run.runId) ?? [];
  return {
    turns,
    running: streaming.length > 0,
    stop: () => streaming.forEach((turn) => void requestCancel(turn.run.runId as string)),
  };
}
