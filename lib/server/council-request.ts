import { z } from 'zod';
import { readJsonBody } from '@/lib/http/json-response';

export const MAX_QUESTION_CHARS = 20_000;
/** Bounds what a caller may ask for: a council this size already costs more than anyone should pay per question. */
export const MAX_COUNCIL_MEMBERS = 12;
const MAX_FALLBACK_CHAIRMEN = 5;

const modelId = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

/** The body of POST /api/council (DESIGN.md §4). Unknown fields are ignored, so older clients keep working. */
export const councilRequestSchema = z.object({
  question: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_QUESTION_CHARS, `must be at most ${MAX_QUESTION_CHARS} characters`),
  tier: z.string().trim().min(1).optional(),
  /** Model ids to sit on the council instead of the tier's (GET /api/models lists them). */
  council: z.array(modelId).max(MAX_COUNCIL_MEMBERS, `must name at most ${MAX_COUNCIL_MEMBERS} models`).optional(),
  chairman: modelId.optional(),
  fallbackChairmen: z.array(modelId).max(MAX_FALLBACK_CHAIRMEN, `must name at most ${MAX_FALLBACK_CHAIRMEN} models`).optional(),
  /** `answers` (stage 1 only), `ranked` (stages 1–2) or `full` (the default). */
  mode: z.enum(['answers', 'ranked', 'full']).optional(),
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
