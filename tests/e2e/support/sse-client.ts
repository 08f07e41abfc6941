/** Reads a Quorum SSE response in a test: events as they come, with the SSE ids, and a way to drop the connection. */
import { createParser } from 'eventsource-parser';
import type { CouncilEvent } from '@/lib/council/events';

export interface SseRead {
  events: CouncilEvent[];
  ids: (string | undefined)[];
  /** Resolves when the stream ended by itself (true) or was dropped (false). */
  finished: Promise<boolean>;
  /** Resolves once `check` holds for the events so far (bounded by `timeoutMs`). */
  until(check: (events: CouncilEvent[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Drops the connection (as a network loss does). */
  drop(): void;
}

export async function openSse(url: string, init: RequestInit = {}): Promise<{ response: Response; read: SseRead }> {
  const controller = new AbortController();
  const response = await fetch(url, { ...init, signal: controller.signal });
  const events: CouncilEvent[] = [];
  const ids: (string | undefined)[] = [];
  const waiters = new Set<() => void>();
  const parser = createParser({
    onEvent(message) {
      events.push(JSON.parse(message.data) as CouncilEvent);
      ids.push(message.id);
      for (const wake of waiters) wake();
    },
  });
  const finished = (async () => {
    if (!response.ok || !response.body) return true;
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return true;
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch {
      return false;
    } finally {
      for (const wake of waiters) wake();
    }
  })();
  const read: SseRead = {
    events,
    ids,
    finished,
    async until(check, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!check(events)) {
        if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms (${events.length} events)`);
        await new Promise<void>((resolve) => {
          const wake = () => (waiters.delete(wake), resolve());
          waiters.add(wake);
          setTimeout(wake, 100);
        });
      }
    },
    drop: () => controller.abort(),
  };
  return { response, read };
}
