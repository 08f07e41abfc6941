import type { ChatChunk, ChatModel, ChatRequest } from '@/lib/council/chat-model';
import type { Clock } from '@/lib/council/clock';
import { ModelCallError, toModelCallError } from '@/lib/council/model-call-error';
import { MAX_TIMER_MS, setBoundedTimer } from './bounded-timer';
import { abortError, stallError } from './call-errors';

/**
 * One attempt at a model call, watched by a first-token and an idle timer. A timer that fires aborts
 * this attempt only (its own AbortController, which also follows `callSignal`) and ends it with a
 * retryable 'timeout'; an abort of `callSignal` ends it with that signal's error at once.
 *
 * Every wait on the model is raced against those stops, so a model that ignores its signal cannot
 * hold the call: its pending promise is left behind (with a catch) and its iterator is told to return.
 */
export async function* streamAttempt(
  model: ChatModel,
  request: ChatRequest,
  callSignal: AbortSignal,
  clock: Clock,
): AsyncGenerator<ChatChunk, void, undefined> {
  if (callSignal.aborted) throw abortError(callSignal);
  const attempt = new AbortController();
  let rejectStop: (error: ModelCallError) => void = () => {};
  const stopped = new Promise<never>((_, reject) => {
    rejectStop = reject;
  });
  stopped.catch(() => {});
  const stop = (error: ModelCallError) => {
    attempt.abort(error);
    rejectStop(error);
  };
  const onCallAbort = () => stop(abortError(callSignal));
  callSignal.addEventListener('abort', onCallAbort, { once: true });

  const watchdog = new StallWatchdog(clock, (what, ms) => stop(stallError(what, ms)));

  let iterator: AsyncIterator<ChatChunk> | undefined;
  let pending: Promise<IteratorResult<ChatChunk>> | undefined;
  let finished = false;
  try {
    watchdog.waitFor('first token', request.firstTokenTimeoutMs);
    // The attempt's own signal follows the call's (onCallAbort): one signal for the model, none composed.
    iterator = model.stream(request, attempt.signal)[Symbol.asyncIterator]();
    for (;;) {
      pending = iterator.next();
      const result = await Promise.race([pending, stopped]);
      pending = undefined;
      watchdog.pause();
      if (result.done) {
        finished = true;
        return;
      }
      // The idle timer measures the upstream only: it is off while our consumer holds the chunk.
      yield result.value;
      watchdog.waitFor('next chunk', request.idleTimeoutMs);
    }
  } catch (error) {
    // The model may notice our abort and throw its own 'cancelled' before the race sees the stop.
    if (attempt.signal.aborted) throw abortError(attempt.signal);
    throw toModelCallError(error, callSignal);
  } finally {
    watchdog.stop();
    callSignal.removeEventListener('abort', onCallAbort);
    pending?.catch(() => {});
    if (!finished) {
      if (!attempt.signal.aborted) attempt.abort();
      try {
        iterator?.return?.()?.catch(() => {});
      } catch {
        // A model whose iterator refuses to return has nothing more for us to clean up.
      }
    }
  }
}

type StallWhat = 'first token' | 'next chunk';

/**
 * The first-token and idle timers of one attempt, on a single clock timer. A stream sends a chunk every few
 * milliseconds; setting and clearing a timer for each one was a measurable share of the CPU under load. The
 * timer is set once and, when it fires early (the stream moved on meanwhile), set again for what is left:
 * about one timer per timeout period instead of one per chunk.
 */
class StallWatchdog {
  private waiting: { what: StallWhat; ms: number; since: number } | null = null;
  private cancel: () => void = () => {};
  private firesAt = Infinity;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly onStall: (what: StallWhat, ms: number) => void,
  ) {}

  /** The upstream owes us its `what` within `ms` from now. */
  waitFor(what: StallWhat, ms: number): void {
    if (this.stopped) return;
    const since = this.clock.now();
    this.waiting = { what, ms, since };
    // A timer already set for no later than this wait's end will check it; otherwise (none, or one set for a
    // longer timeout) set one now.
    if (this.firesAt > since + ms) this.arm(ms);
  }

  /** The upstream answered: nothing is owed while our consumer holds the chunk. */
  pause(): void {
    this.waiting = null;
  }

  stop(): void {
    this.stopped = true;
    this.waiting = null;
    this.disarm();
  }

  private arm(ms: number): void {
    this.disarm();
    const cancel = setBoundedTimer(this.clock, () => this.check(), ms);
    // setBoundedTimer sets nothing for a wait too long to matter.
    this.firesAt = ms <= MAX_TIMER_MS ? this.clock.now() + ms : Infinity;
    this.cancel = cancel;
  }

  private disarm(): void {
    this.cancel();
    this.cancel = () => {};
    this.firesAt = Infinity;
  }

  private check(): void {
    this.cancel = () => {};
    this.firesAt = Infinity;
    const waiting = this.waiting;
    if (!waiting || this.stopped) return;
    const left = waiting.since + waiting.ms - this.clock.now();
    if (left <= 0) this.onStall(waiting.what, waiting.ms);
    else this.arm(left);
  }
}
