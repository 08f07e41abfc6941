import { ownerScopeOf } from '@/lib/access/identity';
import { withIdentity } from '@/lib/access/request-identity';
import { exportConversationResponse, withStore } from '@/lib/store/conversation-api';
import { getStore } from '@/lib/store/get-store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A download of the conversation: `?format=md` (default) or `?format=json` (with every run's events). */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return withIdentity(request, (identity) =>
    withStore(getStore, (store) => exportConversationResponse(store, id, request, ownerScopeOf(identity))),
  );
}
