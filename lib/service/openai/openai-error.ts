import type { Refusal } from '@/lib/server/refusal';

/** OpenAI's error body: what every OpenAI SDK maps to its error classes (BadRequestError, RateLimitError, …). */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function openAIError(message: string, type: string, param: string | null = null, code: string | null = null): OpenAIErrorBody {
  return { error: { message, type, param, code } };
}

/** An error response in OpenAI's shape, with `Retry-After` where the status calls for one. */
export function openAIErrorResponse(
  status: number,
  body: OpenAIErrorBody,
  retryAfterSeconds?: number,
): Response {
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (retryAfterSeconds !== undefined) headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfterSeconds)));
  return Response.json(body, { status, headers });
}

/** The type OpenAI's API uses for each status its SDKs map. */
const TYPE_BY_STATUS: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'invalid_request_error',
  413: 'invalid_request_error',
  429: 'rate_limit_error',
  503: 'server_error',
};

/** The pipeline's refusal (unknown tier, limits, budget, capacity, drain) in OpenAI's shape and status. */
export function refusalToOpenAI(refusal: Refusal): Response {
  if (refusal.code === 'unknown_tier') {
    return openAIErrorResponse(404, openAIError(refusal.message, 'invalid_request_error', 'model', 'model_not_found'));
  }
  // OpenAI says "insufficient_quota" when the money has run out, which clients show differently from a rate limit.
  const type = refusal.code === 'budget_exhausted' ? 'insufficient_quota' : (TYPE_BY_STATUS[refusal.status] ?? 'server_error');
  const param = refusal.param === 'tier' ? 'model' : (refusal.param ?? null);
  return openAIErrorResponse(refusal.status, openAIError(refusal.message, type, param, refusal.code), refusal.retryAfterSeconds);
}
