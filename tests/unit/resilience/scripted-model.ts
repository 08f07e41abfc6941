import type { ChatChunk, ChatModel, ChatRequest } from '@/lib/council/chat-model';
import type { Clock } from '@/lib/council/clock';
import { ModelCallError } from '@/lib/council/model-call-error';

/** One step of a scripted attempt. */
export type Step =
  | { delta: string }
  | { wait: number }
  | { fail: ModelCallError }
  /** Waits until aborted, then throws 'cancelled' like a well-behaved adapter. */
  | { hang: 'until-aborted' }
  /** Never settles, whatever the signal says: a badly behaved model. */
  | { hang: 'forever' };

export interface ScriptedCall {
  request: ChatRequest;
  signal: AbortSignal;
  startedAt: number;
}

/**
 * A small in-memory ChatModel for the resilience tests: attempt i follows script i (the last one
 * repeats), ends with a finish chunk unless a step failed, and records every call.
 */
export function scriptedModel(scripts: Step[][], clock: Clock): { model: ChatModel; calls: ScriptedCall[] } {
  const calls: ScriptedCall[] = [];
  const model: ChatModel = {
    id: 'scripted',
    async *stream(request, signal): AsyncGenerator<ChatChunk> {
      calls.push({ request, signal, startedAt: clock.now() });
      const steps = scripts[Math.min(calls.length - 1, scripts.length - 1)] ?? [];
      for (const step of steps) {
        if ('delta' in step) yield { type: 'delta', text: step.delta };
        else if ('fail' in step) throw step.fail;
        else if ('wait' in step) await waitOn(clock, step.wait, signal);
        else if (step.hang === 'until-aborted') await waitOn(clock, Number.POSITIVE_INFINITY, signal);
        else await new Promise<never>(() => {});
      }
      yield { type: 'finish', usage: { input: 1, output: 1 }, finishReason: 'stop' };
    },
  };
  return { model, calls };
}

function waitOn(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  const cancelled = () => new ModelCallError({ reason: 'cancelled', message: 'aborted' });
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise((resolve, reject) => {
    const cancelTimer = Number.isFinite(ms) ? clock.setTimer(resolve, ms) : () => {};
    signal.addEventListener(
      'abort',
      () => {
        cancelTimer();
        reject(cancelled());
      },
      { once: true },
    );
  });
}

export function httpError(status: number, retryAfterMs?: number): ModelCallError {
  const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
  return new ModelCallError({
    reason: status === 429 ? 'rate_limited' : `http_${status}`,
    message: `HTTP ${status}`,
    status,
    retryable,
    retryAfterMs,
  });
}

/** Drains a stream into its chunks, or the error that ended it. */
export async function collect(
  stream: AsyncIterable<ChatChunk>,
): Promise<{ chunks: ChatChunk[]; error?: ModelCallError }> {
  const chunks: ChatChunk[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk);
    return { chunks };
  } catch (error) {
    if (!(error instanceof ModelCallError)) throw error;
    return { chunks, error };
  }
}

export function request(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    messages: [{ role: 'user', content: 'Why is the sky blue?' }],
    maxTokens: 100,
    timeBudgetMs: 60_000,
    firstTokenTimeoutMs: 5_000,
    idleTimeoutMs: 2_000,
    ...overrides,
  };
}
