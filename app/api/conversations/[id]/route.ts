import { ownerScopeOf } from '@/lib/access/identity';
import { withIdentity } from '@/lib/access/request-identity';
import {
  deleteConversationResponse,
  getConversationResponse,
  renameConversationResponse,
  withStore,
} from '@/lib/store/conversation-api';
import { getStore } from '@/lib/store/get-store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

interface Context {
  params: Promise<{ id: string }>;
}

/** The conversation with its messages and runs, each run with its status and stored events (for replay). */
export async function GET(request: Request, context: Context): Promise<Response> {
  const { id } = await context.params;
  return withIdentity(request, (identity) => withStore(getStore, (store) => getConversationResponse(store, id, ownerScopeOf(identity))));
}

/** Rename: body `{ title }`. */
export async function PATCH(request: Request, context: Context): Promise<Response> {
  const { id } = await context.params;
  return withIdentity(request, (identity) =>
    withStore(getStore, (store) => renameConversationResponse(store, id, request, ownerScopeOf(identity))),
  );
}

/** Deletes the conversation with everything recorded for it. */
export async function DELETE(request: Request, context: Context): Promise<Response> {
  const { id } = await context.params;
  return withIdentity(request, (identity) => withStore(getStore, (store) => deleteConversationResponse(store, id, ownerScopeOf(identity))));
}
