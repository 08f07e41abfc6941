/**
 * The storage contract: conversations, their messages, every run with its append-only event log, and one
 * row per upstream model call. Two implementations (SQLite, PostgreSQL) pass the same contract suite
 * (tests/integration/store/store-contract.ts). Times are ISO-8601 strings on the way out, Dates on the way in.
 */
import type { CouncilEvent, RunTotals } from '@/lib/council/events';
import type { Stage } from '@/lib/council/policy';
import type { OwnerScope } from '@/lib/access/identity';
import type { StatsSummary } from '@/lib/stats/stats-summary';

export type RunStatus = 'running' | 'completed' | 'failed' | 'cancelled' | 'interrupted';
export type LlmRequestStatus = 'pending' | 'processing' | 'completed' | 'failed';
export type MessageRole = 'user' | 'assistant';

/** A conversation as listed in the sidebar. */
export interface Conversation {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

export interface StoredMessage {
  conversationId: string;
  role: MessageRole;
  content: string;
  /** The run that asked (user) or answered (assistant) it. */
  runId: string | null;
  createdAt: string;
}

/** A run's row; its events are read separately (listEvents). */
export interface StoredRun {
  id: string;
  conversationId: string;
  tier: string;
  question: string;
  status: RunStatus;
  /** Totals from run.completed, or what was spent so far for a run that did not complete. */
  totals: RunTotals | null;
  finalText: string | null;
  startedAt: string;
  endedAt: string | null;
}

/** One upstream call (one attempt of one member in one stage). Keyed by (runId, stage, model, attempt). */
export interface LlmRequestRow {
  runId: string;
  stage: Stage;
  model: string;
  attempt: number;
  status: LlmRequestStatus;
  /** A FailureReason ('timeout', 'http_500', …) or a retry reason. */
  errorKind: string | null;
  errorMessage: string | null;
  httpStatus: number | null;
  /** From the attempt's start to its first token, ms. */
  timeToFirstTokenMs: number | null;
  durationMs: number | null;
  tokensIn: number | null;
  tokensOut: number | null;
  costUsd: number | null;
  createdAt: string;
}

export interface NewRun {
  id: string;
  conversationId: string;
  tier: string;
  question: string;
  startedAt: Date;
}

export interface RunEnd {
  runId: string;
  status: Exclude<RunStatus, 'running'>;
  totals: RunTotals | null;
  finalText: string | null;
  endedAt: Date;
}

export interface NewMessage {
  conversationId: string;
  role: MessageRole;
  content: string;
  runId: string | null;
  createdAt: Date;
}

/**
 * Everything one flush of the run recorder writes, in one transaction: a crash leaves either all of it
 * or none of it. Events of a run must arrive with contiguous seq (the recorder guarantees it).
 */
export interface WriteBatch {
  events?: CouncilEvent[];
  /** Inserted, or updated when (runId, stage, model, attempt) already exists. */
  llmRequests?: LlmRequestRow[];
  messages?: NewMessage[];
  runEnd?: RunEnd;
  /** Bumps the conversation's updatedAt (it moves to the top of the list). */
  touchConversation?: { id: string; at: Date };
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass it back to get the next page. Null on the last page. */
  nextCursor: string | null;
}

/** Thrown for a cursor that this store did not hand out. */
export class InvalidCursorError extends Error {
  constructor() {
    super('The cursor is not valid.');
    this.name = 'InvalidCursorError';
  }
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';

  createConversation(input: { id: string; title: string; createdAt: Date }): Promise<Conversation>;
  getConversation(id: string): Promise<Conversation | null>;
  /** Newest activity first. Throws InvalidCursorError for a cursor it did not hand out. */
  listConversations(options: { limit: number; cursor?: string | null }): Promise<Page<Conversation>>;
  /** Null when there is no such conversation. */
  renameConversation(id: string, title: string): Promise<Conversation | null>;
  /** Deletes the conversation with its messages, runs, events and request rows; false when absent. */
  deleteConversation(id: string): Promise<boolean>;

  /** Creates the run (status running) with its question as the user message, and touches the conversation. */
  createRun(run: NewRun): Promise<void>;
  writeBatch(batch: WriteBatch): Promise<void>;

  getRun(id: string): Promise<StoredRun | null>;
  /** Oldest first. */
  listRuns(conversationId: string): Promise<StoredRun[]>;
  /** Oldest first. */
  listMessages(conversationId: string): Promise<StoredMessage[]>;
  /** In seq order, exactly as recorded. */
  listEvents(runId: string): Promise<CouncilEvent[]>;
  /** In (stage, model, attempt) order. */
  listLlmRequests(runId: string): Promise<LlmRequestRow[]>;
  /** The last `limit` user questions that have an assistant answer, oldest first. */
  listAnsweredTurns(conversationId: string, limit: number): Promise<{ question: string; answer: string }[]>;

  /**
   * What /api/stats needs about the runs started at or after `since` within the scope, summed per model and per
   * judge from the stats tables (kept as events are written): stage-1 outcomes, valid rankings, final placements.
   */
  readStatsSummary(options: { since: Date; scope: OwnerScope }): Promise<StatsSummary>;

  /** Start-up recovery: every run still 'running' becomes 'interrupted' (events kept). Returns how many. */
  interruptRunningRuns(at: Date): Promise<number>;
  /** Retention: deletes llm_requests created before `cutoff`. Returns how many. */
  deleteLlmRequestsBefore(cutoff: Date): Promise<number>;

  close(): Promise<void>;
}
