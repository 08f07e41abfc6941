/**
 * The council route's side of storage: find or create the conversation a question belongs to, give the run
 * its bounded history, and record the run's events as they stream. Storage trouble never stops a council:
 * the run then goes on unrecorded, and the error is logged.
 */
import type { HistoryTurn } from '@/lib/council/council-input';
import type { CouncilEvent } from '@/lib/council/events';
import { conversationHistory, createConversationForQuestion } from './conversations';
import { recordRun, type RecordRunOptions } from './run-recorder';
import type { Store } from './store';

export interface ConversationTurnOptions {
  /** The conversation to continue; a new one (titled after the question) when absent or not stored yet. */
  conversationId?: string;
  question: string;
  /** How many earlier exchanges the council sees. */
  maxTurns: number;
  recorder?: RecordRunOptions;
}

export interface ConversationTurn {
  conversationId: string;
  /** The last `maxTurns` answered exchanges, oldest first. */
  history: HistoryTurn[];
  /** The run's events, recorded as they pass; `onFailure` hears of the first failed write. */
  record(
    run: { runId: string; events: AsyncIterable<CouncilEvent> },
    tier: string,
    onFailure?: (message: string) => void,
  ): AsyncIterable<CouncilEvent>;
}

/** Null when the store cannot be opened or read: the caller runs the council without recording it. */
export async function beginConversationTurn(
  openStore: () => Promise<Store>,
  options: ConversationTurnOptions,
): Promise<ConversationTurn | null> {
  try {
    const store = await openStore();
    const conversationId = await findOrCreate(store, options);
    const history = await conversationHistory(store, conversationId, options.maxTurns);
    return {
      conversationId,
      history,
      record: (run, tier, onFailure) =>
        recordRun(store, { runId: run.runId, conversationId, tier, question: options.question }, run.events, {
          ...options.recorder,
          ...(onFailure ? { onFailure } : {}),
        }),
    };
  } catch (error) {
    console.error('Store unavailable; the run will not be saved:', error instanceof Error ? error.message : error);
    return null;
  }
}

async function findOrCreate(store: Store, options: ConversationTurnOptions): Promise<string> {
  if (options.conversationId && (await store.getConversation(options.conversationId))) return options.conversationId;
  try {
    // The browser names a new conversation itself (its first request carries a fresh id).
    return (await createConversationForQuestion(store, options.question, { id: options.conversationId })).id;
  } catch (error) {
    // Two first requests with the same new id raced: the other one created it.
    if (options.conversationId && (await store.getConversation(options.conversationId))) return options.conversationId;
    throw error;
  }
}
