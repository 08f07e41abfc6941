/**
 * The browser's side of /api/conversations. The shapes mirror lib/store's records; they are restated here
 * because browser code never imports storage modules.
 */
import type { CouncilEvent } from '@/lib/council/events';
import { sendToSignInIfSignedOut } from '@/lib/client/sign-in-redirect';

export interface ConversationSummary {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

export interface StoredRunView {
  id: string;
  tier: string;
  question: string;
  status: 'running' | 'completed' | 'failed' | 'cancelled' | 'interrupted';
  events: CouncilEvent[];
}

export interface ConversationView extends ConversationSummary {
  runs: StoredRunView[];
}

async function failure(response: Response): Promise<Error> {
  sendToSignInIfSignedOut(response);
  const body = (await response.json().catch(() => null)) as { error?: string } | null;
  return new Error(body?.error ?? `The server answered ${response.status}.`);
}

export async function fetchConversations(cursor: string | null, signal?: AbortSignal): Promise<{ items: ConversationSummary[]; nextCursor: string | null }> {
  const query = cursor ? `?limit=30&cursor=${encodeURIComponent(cursor)}` : '?limit=30';
  const response = await fetch(`/api/conversations${query}`, { signal, cache: 'no-store' });
  if (!response.ok) throw await failure(response);
  return response.json();
}

export async function fetchConversation(id: string, signal?: AbortSignal): Promise<ConversationView> {
  const response = await fetch(`/api/conversations/${encodeURIComponent(id)}`, { signal, cache: 'no-store' });
  if (!response.ok) throw await failure(response);
  return response.json();
}

export async function renameConversation(id: string, title: string): Promise<ConversationSummary> {
  const response = await fetch(`/api/conversations/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  if (!response.ok) throw await failure(response);
  return response.json();
}

export async function deleteConversation(id: string): Promise<void> {
  const response = await fetch(`/api/conversations/${encodeURIComponent(id)}`, { method: 'DELETE' });
  if (!response.ok && response.status !== 404) throw await failure(response);
}

export function exportUrl(id: string, format: 'md' | 'json'): string {
  return `/api/conversations/${encodeURIComponent(id)}/export?format=${format}`;
}
