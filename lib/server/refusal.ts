import { jsonResponse } from '@/lib/http/json-response';

/**
 * Why the council pipeline would not start a run, independent of the front door: `/api/council` answers it as
 * `{ error, code }` (DESIGN.md §5), `/v1` in OpenAI's error shape (§6), `/mcp` as a tool error.
 */
export interface Refusal {
  status: 400 | 401 | 403 | 404 | 413 | 429 | 503;
  /** Machine-readable: `unknown_tier`, `tier_forbidden`, `not_found`, `rate_limited`, `too_many_runs`,
   * `budget_exhausted`, `overloaded`, `draining`, `limits_unavailable`, … */
  code: string;
  /** One sentence a person can act on. */
  message: string;
  /** The request field at fault, where there is one (`tier`, `conversationId`, …). */
  param?: string;
  /** For 429 and 503: when to try again. */
  retryAfterSeconds?: number;
  /** For 400: the problems, as `{ path, message }`. */
  issues?: { path: string; message: string }[];
}

/** The refusal as Quorum's own routes answer it: `{ error, code, issues? }` with `Retry-After` where it applies. */
export function refusalResponse(refusal: Refusal): Response {
  const headers: Record<string, string> = {};
  if (refusal.retryAfterSeconds !== undefined) headers['retry-after'] = String(Math.max(1, Math.ceil(refusal.retryAfterSeconds)));
  const body: Record<string, unknown> = { error: refusal.message, code: refusal.code };
  if (refusal.issues) body.issues = refusal.issues;
  else if (refusal.status === 400 && refusal.param) body.issues = [{ path: refusal.param, message: refusal.message }];
  if (refusal.retryAfterSeconds !== undefined) body.retryAfterSeconds = Math.max(1, Math.ceil(refusal.retryAfterSeconds));
  return jsonResponse(body, refusal.status, headers);
}
