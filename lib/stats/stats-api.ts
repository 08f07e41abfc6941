/**
 * GET /api/stats?days=N as a plain function of a store, a Request and the caller's scope (tests need no
 * Next.js). N is 1..3650 whole days back from now, default 30; anything else is 400 `{ error, issues }`.
 */
import { z } from 'zod';
import type { OwnerScope } from '@/lib/access/identity';
import { badRequest, jsonResponse, zodIssues } from '@/lib/http/json-response';
import type { Store } from '@/lib/store/store';
import { computeStats } from './compute-stats';

export const DEFAULT_STATS_DAYS = 30;
export const MAX_STATS_DAYS = 3650;
const DAY_MS = 24 * 60 * 60 * 1000;

const statsQuery = z.object({
  days: z
    .string()
    .regex(/^\d{1,4}$/, 'must be a whole number of days')
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be at least 1').max(MAX_STATS_DAYS, `must be at most ${MAX_STATS_DAYS}`))
    .optional(),
});

export async function statsResponse(store: Store, request: Request, scope: OwnerScope, now: () => Date = () => new Date()): Promise<Response> {
  const params = new URL(request.url).searchParams;
  if (params.getAll('days').length > 1) return badRequest('The query is invalid.', [{ path: 'days', message: 'give it once' }]);
  const query = statsQuery.safeParse(Object.fromEntries(params));
  if (!query.success) return badRequest('The query is invalid.', zodIssues(query.error));
  const days = query.data.days ?? DEFAULT_STATS_DAYS;
  const since = new Date(now().getTime() - days * DAY_MS);
  let summary;
  try {
    summary = await store.readStatsSummary({ since, scope });
  } catch (error) {
    // A database that went away is the server's trouble, said plainly; the client may simply try again.
    console.error('Stats: reading the store failed:', error instanceof Error ? error.message : error);
    return jsonResponse({ error: 'Statistics are unavailable right now; try again shortly.' }, 503, { 'retry-after': '5' });
  }
  return jsonResponse(computeStats(summary, { days, since }));
}
