import { ModelCallError } from '@/lib/council/model-call-error';
import type { SimulationOptions } from './simulation-options';

/** Retry-After the simulated rate limiter asks for. */
export const SIMULATED_RETRY_AFTER_MS = 1_000;

/** The error a simulated upstream answers with instead of a stream, as a real adapter would map it. */
export function simulatedHttpError(failure: SimulationOptions['failure'], model: string): ModelCallError | null {
  switch (failure) {
    case 'http_500':
      return new ModelCallError({ reason: 'http_500', status: 500, retryable: true, message: `${model}: simulated internal server error (500).` });
    case 'http_429':
      return new ModelCallError({
        reason: 'rate_limited',
        status: 429,
        retryable: true,
        retryAfterMs: SIMULATED_RETRY_AFTER_MS,
        message: `${model}: simulated rate limit (429).`,
      });
    case 'network':
      return networkError(model, 'connection reset before the response');
    default:
      return null;
  }
}

export function networkError(model: string, detail: string): ModelCallError {
  return new ModelCallError({ reason: 'network', retryable: true, message: `${model}: simulated network error (${detail}).` });
}
