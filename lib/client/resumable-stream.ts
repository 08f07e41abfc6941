/**
 * A run's stream that survives the network (DESIGN.md §7): when the connection breaks before the terminal
 * event, it follows the run again from the last seq it has, with backoff, and carries on. Events are handed on
 * once each, in seq order, so a reconnect never shows a duplicate (the reducer also folds by seq).
 */
import type { CouncilEvent } from '@/lib/council/events';
import { isTerminalEvent } from '@/lib/council/events';
import { CouncilStreamError } from './council-stream-error';

export interface ResumableOptions {
  signal?: AbortSignal;
  /** Follows the run from a seq (followRunEvents in the browser). */
  follow(runId: string, afterSeq: number, signal?: AbortSignal): AsyncIterable<CouncilEvent>;
  /** The run id, when known before the first event (a re-attach). */
  runId?: string;
  /** The last seq already folded (a re-attach from the stored events). */
  afterSeq?: number;
  /** Told when the stream starts and stops reconnecting, for the "reconnecting…" line. */
  onReconnecting?: (reconnecting: boolean) => void;
  /** First wait between attempts, doubled each time up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Attempts in a row without any new event before giving up (the run is gone or ended unfinished). */
  maxAttempts?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const RESUME_FAILED = 'The connection to the council was lost and the run could not be resumed.';

export async function* resumableStream(open: AsyncIterable<CouncilEvent> | null, options: ResumableOptions): AsyncGenerator<CouncilEvent, void, undefined> {
  const sleep = options.sleep ?? abortableSleep;
  const initialDelay = options.initialDelayMs ?? 250;
  const maxDelay = options.maxDelayMs ?? 4_000;
  const maxAttempts = options.maxAttempts ?? 8;
  let runId = options.runId ?? null;
  let lastSeq = options.afterSeq ?? 0;
  let source = open ?? (runId ? options.follow(runId, lastSeq, options.signal) : null);
  let failures = 0;
  /** The break that started the reconnecting: what the person is told if the run cannot be followed again. */
  let broken: unknown = null;
  let reconnecting = false;
  const setReconnecting = (value: boolean) => {
    if (reconnecting === value) return;
    reconnecting = value;
    options.onReconnecting?.(value);
  };

  try {
    while (source) {
      try {
        for await (const event of source) {
          runId ??= event.runId;
          if (event.seq <= lastSeq) continue;
          lastSeq = event.seq;
          failures = 0;
          broken = null;
          setReconnecting(false);
          yield event;
          if (isTerminalEvent(event)) return;
        }
        if (options.signal?.aborted) return;
        throw new CouncilStreamError('broken', 'The connection to the council closed before the run finished.');
      } catch (error) {
        if (options.signal?.aborted) return;
        // A refusal (not found, forbidden, a bad request) will not change by asking again; nor can a run be
        // resumed before its id is known. After a break, the break is what went wrong for the reader.
        if (!runId || !resumable(error)) throw broken ?? error;
        broken ??= error;
        failures += 1;
        if (failures > maxAttempts) throw new CouncilStreamError('broken', RESUME_FAILED, { cause: error });
        setReconnecting(true);
        await sleep(Math.min(maxDelay, initialDelay * 2 ** (failures - 1)), options.signal);
        if (options.signal?.aborted) return;
        source = options.follow(runId, lastSeq, options.signal);
      }
    }
  } finally {
    setReconnecting(false);
  }
}

function resumable(error: unknown): boolean {
  if (!(error instanceof CouncilStreamError)) return false;
  if (error.kind === 'broken') return true;
  // Overloaded or restarting servers and proxies in between: worth another try.
  return error.kind === 'http' && (error.status === undefined || error.status >= 500 || error.status === 429);
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
