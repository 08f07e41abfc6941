import type { CouncilEvent } from '@/lib/council/events';
import { encodeSseEvent, SSE_HEARTBEAT } from './encode-sse-event';

export const HEARTBEAT_INTERVAL_MS = 15_000;

/** Headers that keep proxies (nginx, CDNs) and compressors from buffering the stream. */
export const SSE_HEADERS: Record<string, string> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
  connection: 'keep-alive',
};

export interface SseResponseOptions {
  /** The client's signal (`request.signal`): when it aborts, iteration stops and the run is cancelled. */
  signal?: AbortSignal;
  heartbeatMs?: number;
  status?: number;
  headers?: Record<string, string>;
}

/**
 * Streams events as SSE, pulling the next event only when the client has taken the last one (backpressure),
 * with a comment heartbeat. When the client goes away it calls the iterator's return() — which makes the
 * engine abort every in-flight call — and clears the heartbeat.
 */
export function sseResponse(events: AsyncIterable<CouncilEvent>, options: SseResponseOptions = {}): Response {
  const { signal, heartbeatMs = HEARTBEAT_INTERVAL_MS } = options;
  const iterator = events[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let finished = false;
  let stream: ReadableStreamDefaultController<Uint8Array> | undefined;

  const finish = (stopIterator: boolean) => {
    if (finished) return;
    finished = true;
    clearInterval(heartbeat);
    signal?.removeEventListener('abort', onAbort);
    // Not awaited: an async generator's return() waits for its pending next(), and the run's own signal
    // already aborts the upstream calls at once.
    if (stopIterator) iterator.return?.().catch(() => undefined);
  };
  function onAbort() {
    finish(true);
    try {
      stream?.close();
    } catch {
      // Already closed or errored by the client side.
    }
  }

  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        stream = controller;
        if (signal?.aborted) {
          finish(true);
          controller.close();
          return;
        }
        signal?.addEventListener('abort', onAbort, { once: true });
        heartbeat = setInterval(() => {
          if (!finished) controller.enqueue(encoder.encode(SSE_HEARTBEAT));
        }, heartbeatMs);
      },
      async pull(controller) {
        if (finished) return;
        try {
          const next = await iterator.next();
          if (finished) return;
          if (next.done) {
            finish(false);
            controller.close();
          } else {
            controller.enqueue(encoder.encode(encodeSseEvent(next.value)));
          }
        } catch (error) {
          if (finished) return;
          finish(false);
          console.error('The council event stream failed:', error);
          controller.error(error);
        }
      },
      cancel() {
        finish(true);
      },
    },
    { highWaterMark: 1 },
  );

  return new Response(body, { status: options.status ?? 200, headers: { ...SSE_HEADERS, ...options.headers } });
}
