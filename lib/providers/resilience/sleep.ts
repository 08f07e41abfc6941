import type { Clock } from '@/lib/council/clock';
import { abortError } from './call-errors';

/**
 * Waits `ms` on `clock`; an abort of `signal` ends the wait at once with the abort's ModelCallError
 * (reason 'cancelled' unless the signal carries one of ours). The timer is cleared either way.
 */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      cancel();
      reject(abortError(signal as AbortSignal));
    };
    const cancel = clock.setTimer(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
