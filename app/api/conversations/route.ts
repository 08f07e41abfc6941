import { listConversationsResponse, withStore } from '@/lib/store/conversation-api';
import { getStore } from '@/lib/store/get-store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Conversations, newest activity first: `{ items, nextCursor }`, `?limit=&cursor=`. */
export async function GET(request: Request): Promise<Response> {
  return withStore(getStore, (store) => listConversationsResponse(store, request));
}
