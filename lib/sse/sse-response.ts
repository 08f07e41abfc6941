import type { CouncilEvent } from '@/lib/council/events';
import { encodeSseEvent, SSE_HEARTBEAT } from './encode-sse-event';

export const HEARTBEAT_INTERVAL_MS = 15_000;
/** Bytes the response holds for a client that is slow to read; past it, events wait (back-pressure). */
export const SSE_BUFFER_BYTES = 64 * 1024;
/** A client that takes nothing for this long while the buffer is full has stopped reading. */
export const STALL_TIMEOUT_MS = 30_000;
/** After the run was stopped for a stalled client, how long its last events (run.cancelled) may take to pass. */
const STALL_DRAIN_MS = 10_000;

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
  /** Default SSE_BUFFER_BYTES. */
  bufferBytes?: number;
  /** Default STALL_TIMEOUT_MS. */
  stallTimeoutMs?: number;
  /**
   * Called once when the client stopped reading: the buffer stayed full for `stallTimeoutMs`. The caller
   * cancels the run (`client_stalled`); the response then lets the run's last events reach the recorder,
   * drops them, and closes the connection.
   */
  onStalled?: () => void;
}

/**
 * Streams events as SSE, pulling the next event only while its buffer (`bufferBytes`) has room (backpressure),
 * with a comment heartbeat. When the client goes away it calls the iterator's return() — which makes the
 * engine abort every in-flight call — and clears the heartbeat. When the client stays connected but takes
 * nothing for `stallTimeoutMs` while the buffer is full, `onStalled` stops the run.
 */
export function sseResponse(events: AsyncIterable<CouncilEvent>, options: SseResponseOptions = {}): Response {
  const { signal, heartbeatMs = HEARTBEAT_INTERVAL_MS, stallTimeoutMs = STALL_TIMEOUT_MS } = options;
  const iterator = events[Symbol.asyncIterator]();
  const takeQueued = hasQueue(iterator) ? () => iterator.takeQueued() : undefined;
  const encoder = new TextEncoder();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let finished = false;
  let stream: ReadableStreamDefaultController<Uint8Array> | undefined;
  let stallTimer: ReturnType<typeof setTimeout> | undefined;

  // Armed whenever the buffer is full after an enqueue; disarmed by every pull (the client took something).
  const watchForStall = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    if (stallTimer || finished || (controller.desiredSize ?? 1) > 0) return;
    stallTimer = setTimeout(() => void onStall(controller), stallTimeoutMs);
  };
  async function onStall(controller: ReadableStreamDefaultController<Uint8Array>) {
    if (finished) return;
    // Without a way to cancel the run with its reason, stop it the plain way (return() aborts every call).
    finish(!options.onStalled);
    if (options.onStalled) {
      options.onStalled();
      await drainCancelledRun();
    }
    try {
      controller.error(new Error('The client stopped reading the stream.'));
    } catch {
      // Already closed.
    }
  }
  /** Lets the cancelled run end through the pipeline (so the recorder stores run.cancelled), bounded in time. */
  async function drainCancelledRun() {
    const deadline = Date.now() + STALL_DRAIN_MS;
    try {
      while (Date.now() < deadline && !(await iterator.next()).done);
    } catch {
      // The run ended badly; either way nobody is reading it.
    }
    if (Date.now() >= deadline) iterator.return?.().catch(() => undefined);
  }

  const finish = (stopIterator: boolean) => {
    if (finished) return;
    finished = true;
    clearInterval(heartbeat);
    clearTimeout(stallTimer);
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
        clearTimeout(stallTimer);
        stallTimer = undefined;
        if (finished) return;
        try {
          const next = await iterator.next();
          if (finished) return;
          if (next.done) {
            finish(false);
            controller.close();
          } else {
            let frame = encodeSseEvent(next.value);
            if (takeQueued) {
              // Events that come in the same turn of the event loop (four members streaming, a busy server,
              // a slow reader) go out in the same write: one chunk through the web streams and one socket
              // write instead of one per event. It costs this event one turn, a fraction of a millisecond.
              await new Promise<void>((resolve) => setImmediate(resolve));
              for (const queued of takeQueued()) frame += encodeSseEvent(queued);
              if (finished) return;
            }
            controller.enqueue(encoder.encode(frame));
            watchForStall(controller);
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
    { highWaterMark: options.bufferBytes ?? SSE_BUFFER_BYTES, size: (chunk) => chunk.byteLength },
  );

  return new Response(body, { status: options.status ?? 200, headers: { ...SSE_HEADERS, ...options.headers } });
}

/** An iterator that can hand over, synchronously, what is already waiting in it (a run follower). */
function hasQueue(iterator: AsyncIterator<CouncilEvent>): iterator is AsyncIterator<CouncilEvent> & { takeQueued(): CouncilEvent[] } {
  return typeof (iterator as { takeQueued?: unknown }).takeQueued === 'function';
}
