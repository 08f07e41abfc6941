import { ownerScopeOf } from '@/lib/access/identity';
import { withIdentity } from '@/lib/access/request-identity';
import { listConversationsResponse, withStore } from '@/lib/store/conversation-api';
import { getStore } from '@/lib/store/get-store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The caller's conversations, newest activity first: `{ items, nextCursor }`, `?limit=&cursor=`. */
export async function GET(request: Request): Promise<Response> {
  return withIdentity(request, (identity) => withStore(getStore, (store) => listConversationsResponse(store, request, ownerScopeOf(identity))));
}
