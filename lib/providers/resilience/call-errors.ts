import { ModelCallError } from '@/lib/council/model-call-error';

/** The caller aborted: never retried, never counted against the model. */
export function cancelledError(): ModelCallError {
  return new ModelCallError({ reason: 'cancelled', message: 'The call was cancelled.' });
}

/** The member's time budget ran out: nothing is left to retry with. */
export function deadlineError(budgetMs: number): ModelCallError {
  return new ModelCallError({ reason: 'timeout', message: `The call used its whole time budget (${budgetMs} ms).` });
}

/** A stream that did not start or went quiet: another attempt may well do better. */
export function stallError(what: 'first token' | 'next chunk', ms: number): ModelCallError {
  return new ModelCallError({
    reason: 'timeout',
    message: `No ${what} within ${ms} ms.`,
    retryable: true,
  });
}

/** Why `signal` was aborted, as a ModelCallError: our own reasons pass through, anything else is a cancel. */
export function abortError(signal: AbortSignal): ModelCallError {
  return signal.reason instanceof ModelCallError ? signal.reason : cancelledError();
}
