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
export async function GET(_request: Request, context: Context): Promise<Response> {
  const { id } = await context.params;
  return withStore(getStore, (store) => getConversationResponse(store, id));
}

/** Rename: body `{ title }`. */
export async function PATCH(request: Request, context: Context): Promise<Response> {
  const { id } = await context.params;
  return withStore(getStore, (store) => renameConversationResponse(store, id, request));
}

/** Deletes the conversation with everything recorded for it. */
export async function DELETE(_request: Request, context: Context): Promise<Response> {
  const { id } = await context.params;
  return withStore(getStore, (store) => deleteConversationResponse(store, id));
}
