import { ownerScopeOf } from '@/lib/access/identity';
import { withIdentity } from '@/lib/access/request-identity';
import { withStore } from '@/lib/store/conversation-api';
import { getStore } from '@/lib/store/get-store';
import { statsResponse } from '@/lib/stats/stats-api';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Who is good, over the caller's own runs of the last `?days=N` (1..3650, default 30); DESIGN.md §8. A key sees
 * its own runs; admin keys and personal mode see every run.
 */
export async function GET(request: Request): Promise<Response> {
  return withIdentity(request, (identity) => withStore(getStore, (store) => statsResponse(store, request, ownerScopeOf(identity))));
}
