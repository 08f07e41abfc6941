import { z } from 'zod';
import { formatIssuePath } from '@/lib/config/format-issue-path';
import { jsonResponse } from './json-response';

export const MAX_QUESTION_CHARS = 20_000;

/** The body of POST /api/council (DESIGN.md §4). Unknown fields are ignored, so older clients keep working. */
export const councilRequestSchema = z.object({
  question: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_QUESTION_CHARS, `must be at most ${MAX_QUESTION_CHARS} characters`),
  tier: z.string().trim().min(1).optional(),
  conversationId: z.string().trim().min(1).max(200).optional(),
});

export type CouncilRequest = z.infer<typeof councilRequestSchema>;

/** One problem with the request body, as sent back in a 400. */
export interface RequestIssue {
  path: string;
  message: string;
}

/** Parses and validates the body; on failure, the 400 to send back as `{ error, issues }`. */
export async function parseCouncilRequest(
  request: Request,
): Promise<{ ok: true; body: CouncilRequest } | { ok: false; response: Response }> {
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    return badRequest('The request body is not valid JSON.', [{ path: '(body)', message: 'not valid JSON' }]);
  }
  const result = councilRequestSchema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
    return badRequest('The request body is invalid.', issues);
  }
  return { ok: true, body: result.data };
}

export function badRequest(error: string, issues: RequestIssue[]): { ok: false; response: Response } {
  return { ok: false, response: jsonResponse({ error, issues }, 400) };
}
