import type { ChatChunk, ChatModel, ChatRequest } from '@/lib/council/chat-model';
import { systemClock, type Clock } from '@/lib/council/clock';
import { ModelCallError, toModelCallError } from '@/lib/council/model-call-error';
import { childAbort } from '@/lib/http/child-abort';
import { retryDelay } from './backoff';
import { setBoundedTimer } from './bounded-timer';
import type { BulkheadRelease } from './bulkhead';
import type { ProviderBulkhead } from './shared-bulkhead';
import { abortError, cancelledError, deadlineError } from './call-errors';
import type { CircuitTicket } from './circuit-breaker';
import type { CircuitGate } from './circuit-gate';
import { estimateTokens } from './estimate-tokens';
import type { RateLimitGate } from './rate-limit-gate';
import type { RetryPolicy } from './retry-policy';
import { sleep } from './sleep';
import { streamAttempt } from './stream-attempt';

/** The same Clock the engine uses: monotonic `now` and cancellable timers. */
export type ResilienceClock = Clock;

/** The parts of the resilience layer around one model; all but `retry` are optional. */
export interface ResilienceParts {
  retry: RetryPolicy;
  /** The gate of the model's rate-limit key (the model, or its whole provider), shared through Redis or not. */
  limiter?: RateLimitGate;
  /** One per model: the in-process CircuitBreaker, or one shared through Redis. */
  breaker?: CircuitGate;
  /** Shared by every model of the provider. */
  bulkhead?: ProviderBulkhead;
  /** Default: systemClock. */
  clock?: ResilienceClock;
  /** Uniform in [0, 1) for the back-off jitter. Default: Math.random. */
  random?: () => number;
}

/**
 * Wraps a raw model in the one resilience layer every call goes through: per attempt the breaker,
 * the bulkhead and the limiter admit it and first-token/idle timers watch it; a retryable failure is
 * retried with full-jitter back-off (announced by a `retrying` chunk) while attempts and the
 * request's time budget last. The caller's abort ends everything at once with 'cancelled'.
 */
export function withResilience(model: ChatModel, parts: ResilienceParts): ChatModel {
  return {
    id: model.id,
    stream: (request, signal) => resilientStream(model, parts, request, signal),
  };
}

async function* resilientStream(
  model: ChatModel,
  parts: ResilienceParts,
  request: ChatRequest,
  callerSignal: AbortSignal,
): AsyncGenerator<ChatChunk, void, undefined> {
  const clock = parts.clock ?? systemClock;
  const random = parts.random ?? Math.random;
  if (!(request.timeBudgetMs > 0)) throw deadlineError(request.timeBudgetMs);
  const deadlineAt = clock.now() + request.timeBudgetMs;
  // The budget bounds every wait (queue, limiter, stream), not only the sleeps between attempts.
  const deadline = childAbort(callerSignal);
  const clearDeadline = setBoundedTimer(
    clock,
    () => deadline.abort(deadlineError(request.timeBudgetMs)),
    request.timeBudgetMs,
  );
  const signal = deadline.signal;
  try {
    for (let attempt = 1; ; attempt += 1) {
      const error = yield* attemptOnce(model, parts, request, signal, clock, deadlineAt);
      if (error === undefined) return;
      if (callerSignal.aborted) throw cancelledError();
      if (!error.retryable || attempt >= parts.retry.maxAttempts) throw error;
      const delayMs = retryDelay(attempt, parts.retry, random, error.retryAfterMs);
      // Sleeping into the deadline would only buy a certain timeout: report the real failure instead.
      if (clock.now() + delayMs >= deadlineAt) throw error;
      yield { type: 'retrying', attempt: attempt + 1, delayMs, reason: error.reason };
      await sleep(clock, delayMs, signal);
    }
  } catch (error) {
    if (callerSignal.aborted) throw cancelledError();
    throw toModelCallError(error, signal);
  } finally {
    clearDeadline();
    deadline.dispose();
  }
}

const QUEUE_WAITING: ChatChunk = { type: 'queue', state: 'waiting' };
const QUEUE_ADMITTED: ChatChunk = { type: 'queue', state: 'admitted' };

/** One attempt through breaker, bulkhead and limiter; returns its error instead of throwing it. */
async function* attemptOnce(
  model: ChatModel,
  parts: ResilienceParts,
  request: ChatRequest,
  signal: AbortSignal,
  clock: Clock,
  deadlineAt: number,
): AsyncGenerator<ChatChunk, ModelCallError | undefined, undefined> {
  let ticket: CircuitTicket | undefined;
  let release: BulkheadRelease | undefined;
  try {
    if (signal.aborted) throw abortError(signal);
    ticket = await parts.breaker?.admit();
    // A wait is announced before it starts, so that a call held back shows as queued, not as silence.
    let queued = parts.bulkhead?.wouldWait() === true;
    if (queued) yield QUEUE_WAITING;
    release = await parts.bulkhead?.acquire(signal);
    const tokens = estimateTokens(request);
    if (!queued && parts.limiter !== undefined && parts.limiter.waitMs(tokens) > 0) {
      queued = true;
      yield QUEUE_WAITING;
    }
    await parts.limiter?.acquire(signal, { tokens, maxWaitMs: Math.max(0, deadlineAt - clock.now()) });
    if (queued) yield QUEUE_ADMITTED;
    yield* streamAttempt(model, request, signal, clock);
    ticket?.succeed();
    return undefined;
  } catch (thrown) {
    // A call cut by its caller or its budget says nothing about the model's health.
    if (signal.aborted) {
      ticket?.release();
      return abortError(signal);
    }
    const error = toModelCallError(thrown, signal);
    ticket?.fail(error);
    return error;
  } finally {
    // Reached without a verdict when our consumer stops early: the probe slot must not stay taken.
    ticket?.release();
    release?.();
  }
}
