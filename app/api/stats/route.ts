import { PERSONAL, ownerScopeOf } from '@/lib/access/identity';
import { withStore } from '@/lib/store/conversation-api';
import { getStore } from '@/lib/store/get-store';
import { statsResponse } from '@/lib/stats/stats-api';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Who is good, over the caller's own runs of the last `?days=N` (1..3650, default 30); DESIGN.md §8.
 * The identity is personal until access keys arrive; then it is the request's identity, scoped the same way.
 */
export async function GET(request: Request): Promise<Response> {
  return withStore(getStore, (store) => statsResponse(store, request, ownerScopeOf(PERSONAL)));
}
