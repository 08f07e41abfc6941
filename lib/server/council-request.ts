import { z } from 'zod';
import { readJsonBody } from '@/lib/http/json-response';

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

/** Parses and validates the body; on failure, the 400 to send back as `{ error, issues }`. */
export async function parseCouncilRequest(
  request: Request,
): Promise<{ ok: true; body: CouncilRequest } | { ok: false; response: Response }> {
  const read = await readJsonBody(request, councilRequestSchema);
  return read.ok ? { ok: true, body: read.data } : read;
}
