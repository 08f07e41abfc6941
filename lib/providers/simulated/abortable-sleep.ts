import { ModelCallError } from '@/lib/council/model-call-error';

/** Waits `ms`, or throws ModelCallError 'cancelled' as soon as `signal` aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(cancelled());
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Never resolves: throws 'cancelled' when `signal` aborts (a hung upstream that only a deadline ends). */
export function waitForAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) return reject(cancelled());
    signal.addEventListener('abort', () => reject(cancelled()), { once: true });
  });
}

export function cancelled(): ModelCallError {
  return new ModelCallError({ reason: 'cancelled', message: 'The call was cancelled.' });
}
