import type { z } from 'zod';
import { formatIssuePath } from '@/lib/config/format-issue-path';
import { normaliseJson } from './normalise-text';
import { MAX_BODY_BYTES, readLimitedBody } from './read-limited-body';

/** One problem with a request, as sent back in a 400: the field as a user reads it, and what is wrong. */
export interface RequestIssue {
  path: string;
  message: string;
}

/** A JSON response that no cache keeps. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store', ...headers } });
}

/** The 400 every route sends for bad input: `{ error, issues }`. */
export function badRequest(error: string, issues: RequestIssue[]): Response {
  return jsonResponse({ error, issues }, 400);
}

export function zodIssues(error: z.ZodError): RequestIssue[] {
  return error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
}

/** The 413 for a body over the limit, before any of it is parsed. */
export function payloadTooLarge(maxBytes = MAX_BODY_BYTES): Response {
  return jsonResponse({ error: `The request body is larger than ${Math.round(maxBytes / 1024)} KB.` }, 413);
}

/**
 * Reads a JSON body (at most 64 KB, streamed: a larger or endless upload is refused with 413 as soon as it
 * passes the limit), normalises its strings (no NUL, no lone surrogates) and validates it; on failure, the
 * 400 that says whether the JSON or a field was wrong.
 */
export async function readJsonBody<T>(
  request: Request,
  schema: z.ZodType<T>,
): Promise<{ ok: true; data: T } | { ok: false; response: Response }> {
  const read = await readLimitedBody(request);
  if (!read.ok && read.reason === 'too_large') return { ok: false, response: payloadTooLarge() };
  let body: unknown;
  try {
    if (!read.ok) throw new Error('unreadable body');
    body = normaliseJson(JSON.parse(read.text));
  } catch {
    return { ok: false, response: badRequest('The request body is not valid JSON.', [{ path: '(body)', message: 'not valid JSON' }]) };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, response: badRequest('The request body is invalid.', zodIssues(parsed.error)) };
  return { ok: true, data: parsed.data };
}
