import { ModelCallError } from '@/lib/council/model-call-error';
import { parseRetryAfter } from './retry-after';
import { redactSecret, truncateDetail } from './redact-secret';

/** Who is calling, to name the model in messages and to scrub its key out of them. */
export interface ErrorContext {
  modelId: string;
  apiKey: string;
}

/** 408 and 409 are transient by HTTP's own account, 429 asks to come back later, 5xx (and 529) are the server's fault. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** The ModelCallError for an HTTP error response. */
export function statusError(
  ctx: ErrorContext,
  status: number,
  headers?: Headers,
  detail?: string,
  nowMs?: number,
): ModelCallError {
  const suffix = detail ? `: ${clean(ctx, detail)}` : '';
  return new ModelCallError({
    reason: status === 429 ? 'rate_limited' : `http_${status}`,
    message: `${ctx.modelId} answered HTTP ${status}${suffix}`,
    retryable: isRetryableStatus(status),
    status,
    retryAfterMs: headers ? parseRetryAfter(headers, nowMs) : undefined,
  });
}

/** An aborted call is never retried: whoever aborted it no longer wants the answer. */
export function cancelledError(ctx: ErrorContext): ModelCallError {
  return new ModelCallError({ reason: 'cancelled', message: `${ctx.modelId}: the call was cancelled`, retryable: false });
}

export function networkError(ctx: ErrorContext, detail: string): ModelCallError {
  return new ModelCallError({
    reason: 'network',
    message: `${ctx.modelId}: connection failed: ${clean(ctx, detail)}`,
    retryable: true,
  });
}

export function timeoutError(ctx: ErrorContext, detail: string): ModelCallError {
  return new ModelCallError({ reason: 'timeout', message: `${ctx.modelId}: ${clean(ctx, detail)}`, retryable: true });
}

/** A garbled stream is usually a proxy or upstream hiccup, so another attempt is worth it. */
export function invalidResponseError(ctx: ErrorContext, detail: string): ModelCallError {
  return new ModelCallError({
    reason: 'invalid_response',
    message: `${ctx.modelId}: invalid response: ${clean(ctx, detail)}`,
    retryable: true,
  });
}

/** Describes a low-level failure (undici puts the useful part, e.g. ECONNREFUSED, in `cause`). */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return `${error.message} (${typeof code === 'string' ? code : cause.message})`;
  }
  return error.message;
}

function clean(ctx: ErrorContext, text: string): string {
  return truncateDetail(redactSecret(text, ctx.apiKey));
}
