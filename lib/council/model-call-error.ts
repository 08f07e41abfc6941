/**
 * The error every ChatModel throws. Retryability lives here, on the error, so that the retry
 * policy asks the error instead of re-checking status codes.
 */

export type FailureReason =
  | 'timeout'
  | 'straggler'
  | `http_${number}`
  | 'network'
  | 'rate_limited'
  | 'circuit_open'
  | 'overloaded'
  | 'empty'
  | 'cancelled'
  | 'invalid_response';

export interface ModelCallErrorInit {
  reason: FailureReason;
  message: string;
  retryable?: boolean;
  status?: number;
  /** Server-requested wait before the next attempt (from retry-after / retry-after-ms). */
  retryAfterMs?: number;
  cause?: unknown;
}

export class ModelCallError extends Error {
  readonly reason: FailureReason;
  readonly retryable: boolean;
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(init: ModelCallErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ModelCallError';
    this.reason = init.reason;
    this.retryable = init.retryable ?? false;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** Maps anything thrown by a model call to a ModelCallError; unknown errors count as network failures. */
export function toModelCallError(error: unknown, signal?: AbortSignal): ModelCallError {
  if (error instanceof ModelCallError) return error;
  if (signal?.aborted) return new ModelCallError({ reason: 'cancelled', message: 'The call was cancelled.' });
  const message = error instanceof Error ? error.message : String(error);
  return new ModelCallError({ reason: 'network', message, retryable: true, cause: error });
}
