import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
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

/** Turns anything the `openai` SDK (or the stream under it) throws into a ModelCallError. */
export function mapOpenAIError(error: unknown, ctx: ErrorContext, signal?: AbortSignal): ModelCallError {
  if (error instanceof ModelCallError) return error;
  if (signal?.aborted || error instanceof APIUserAbortError) return cancelledError(ctx);
  if (error instanceof APIConnectionTimeoutError) return timeoutError(ctx, 'the request timed out');
  if (error instanceof APIConnectionError) return networkError(ctx, describeError(error.cause ?? error));
  if (error instanceof APIError) {
    const body = error.error as { message?: unknown; code?: unknown } | undefined;
    const detail = typeof body?.message === 'string' ? body.message : undefined;
    if (error.status !== undefined) return statusError(ctx, error.status, error.headers, detail);
    // An error object inside an already-started stream (OpenRouter does this when the provider behind it fails).
    const code = typeof body?.code === 'number' ? body.code : Number(body?.code);
    if (Number.isInteger(code) && code >= 400 && code < 600) return statusError(ctx, code, error.headers, detail);
    return networkError(ctx, `upstream error in the stream: ${detail ?? 'no detail'}`);
  }
  if (error instanceof SyntaxError) return invalidResponseError(ctx, `malformed JSON in the stream (${error.message})`);
  return networkError(ctx, describeError(error));
}
