/**
 * What the conversations API and the council route need from the store, with the product's rules on top:
 * page sizes, titles from the first question, the bounded history a new run sees.
 */
import { randomUUID } from 'node:crypto';
import type { HistoryTurn } from '@/lib/council/council-input';
import type { CouncilEvent } from '@/lib/council/events';
import { titleFromQuestion, TITLE_MAX_CHARS } from './conversation-title';
import type { Conversation, Page, Scope, Store, StoredMessage, StoredRun } from './store';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_HISTORY_TURNS = 6;
export const MAX_TITLE_CHARS = 200;

/** A run as the UI replays it: its row and every event it recorded, in seq order. */
export interface RunWithEvents extends StoredRun {
  events: CouncilEvent[];
}

export interface ConversationDetail extends Conversation {
  messages: StoredMessage[];
  runs: RunWithEvents[];
}

export function listConversations(
  store: Store,
  options: { limit?: number; cursor?: string | null; scope: Scope },
): Promise<Page<Conversation>> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE);
  return store.listConversations({ limit, cursor: options.cursor ?? null, scope: options.scope });
}

/** The conversation with its messages and runs (each with its stored events); null when there is none in the scope. */
export async function getConversationDetail(store: Store, id: string, scope: Scope): Promise<ConversationDetail | null> {
  const conversation = await store.getConversation(id, scope);
  if (!conversation) return null;
  const [messages, runs] = await Promise.all([store.listMessages(id), store.listRuns(id)]);
  const withEvents = await Promise.all(runs.map(async (run) => ({ ...run, events: await store.listEvents(run.id) })));
  return { ...conversation, messages, runs: withEvents };
}

export function renameConversation(store: Store, id: string, title: string, scope: Scope): Promise<Conversation | null> {
  return store.renameConversation(id, title.replace(/\s+/g, ' ').trim().slice(0, MAX_TITLE_CHARS), scope);
}

export function deleteConversation(store: Store, id: string, scope: Scope): Promise<boolean> {
  return store.deleteConversation(id, scope);
}

/** A new conversation titled after its first question. */
export function createConversationForQuestion(
  store: Store,
  question: string,
  options: { id?: string; now?: Date; ownerKeyId?: string | null } = {},
): Promise<Conversation> {
  return store.createConversation({
    id: options.id ?? randomUUID(),
    ownerKeyId: options.ownerKeyId ?? null,
    title: titleFromQuestion(question, TITLE_MAX_CHARS),
    createdAt: options.now ?? new Date(),
  });
}

/** The last `maxTurns` answered exchanges, oldest first: what the council sees of the conversation so far. */
export async function conversationHistory(store: Store, id: string, maxTurns = DEFAULT_HISTORY_TURNS): Promise<HistoryTurn[]> {
  return store.listAnsweredTurns(id, Math.max(0, Math.trunc(maxTurns)));
}
