import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { ModelCallError } from '@/lib/council/model-call-error';
import {
  cancelledError,
  describeError,
  invalidResponseError,
  networkError,
  statusError,
  timeoutError,
  type ErrorContext,
} from '../http/model-call-errors';

/** The HTTP status an `error` event inside a stream stands for (the stream itself was a 200). */
const STREAM_ERROR_STATUS: Record<string, number> = {
  overloaded_error: 529,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
};

/** Turns anything `@anthropic-ai/sdk` (or the stream under it) throws into a ModelCallError. */
export function mapAnthropicError(error: unknown, ctx: ErrorContext, signal?: AbortSignal): ModelCallError {
  if (error instanceof ModelCallError) return error;
  if (signal?.aborted || error instanceof APIUserAbortError) return cancelledError(ctx);
  if (error instanceof APIConnectionTimeoutError) return timeoutError(ctx, 'the request timed out');
  if (error instanceof APIConnectionError) return networkError(ctx, describeError(error.cause ?? error));
  if (error instanceof APIError) {
    const detail = error.apiMessage ?? undefined;
    if (error.status !== undefined) return statusError(ctx, error.status, error.headers, detail);
    const status = error.type ? STREAM_ERROR_STATUS[error.type] : undefined;
    if (status !== undefined) return statusError(ctx, status, undefined, detail);
    return networkError(ctx, `upstream error in the stream: ${detail ?? error.type ?? 'no detail'}`);
  }
  if (error instanceof SyntaxError) return invalidResponseError(ctx, `malformed JSON in the stream (${error.message})`);
  return networkError(ctx, describeError(error));
}
