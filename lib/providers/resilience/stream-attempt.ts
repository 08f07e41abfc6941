import type { ChatChunk, ChatModel, ChatRequest } from '@/lib/council/chat-model';
import type { Clock } from '@/lib/council/clock';
import { ModelCallError, toModelCallError } from '@/lib/council/model-call-error';
import { setBoundedTimer } from './bounded-timer';
import { abortError, stallError } from './call-errors';

/**
 * One attempt at a model call, watched by a first-token and an idle timer. A timer that fires aborts
 * this attempt only (its own AbortController, combined with `callSignal`) and ends it with a
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

  let disarm = () => {};
  const arm = (what: 'first token' | 'next chunk', ms: number) => {
    disarm = setBoundedTimer(clock, () => stop(stallError(what, ms)), ms);
  };

  let iterator: AsyncIterator<ChatChunk> | undefined;
  let pending: Promise<IteratorResult<ChatChunk>> | undefined;
  let finished = false;
  try {
    arm('first token', request.firstTokenTimeoutMs);
    iterator = model.stream(request, AbortSignal.any([callSignal, attempt.signal]))[Symbol.asyncIterator]();
    for (;;) {
      pending = iterator.next();
      const result = await Promise.race([pending, stopped]);
      pending = undefined;
      disarm();
      if (result.done) {
        finished = true;
        return;
      }
      // The idle timer measures the upstream only: it is off while our consumer holds the chunk.
      yield result.value;
      arm('next chunk', request.idleTimeoutMs);
    }
  } catch (error) {
    // The model may notice our abort and throw its own 'cancelled' before the race sees the stop.
    if (attempt.signal.aborted) throw abortError(attempt.signal);
    throw toModelCallError(error, callSignal);
  } finally {
    disarm();
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
