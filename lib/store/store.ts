/**
 * The storage contract: conversations, their messages, every run with its append-only event log, and one
 * row per upstream model call. Two implementations (SQLite, PostgreSQL) pass the same contract suite
 * (tests/integration/store/store-contract.ts). Times are ISO-8601 strings on the way out, Dates on the way in.
 */
import type { CouncilPresetBody, StoredPreset } from './council-presets';
import type { CouncilEvent, RunTotals } from '@/lib/council/events';
import type { Stage } from '@/lib/council/policy';
import type { KeyLimits, OwnerScope } from '@/lib/access/identity';
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
  /** The instance that executes (or executed) it; null for runs recorded before instances had ids. */
  instanceId: string | null;
  /** The key that started it (its id, never the key); null for personal-mode runs. */
  ownerKeyId: string | null;
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
  /**
   * How long the member's call waited for an in-flight slot or the rate limiter (all its attempts), on the
   * row of the attempt that ended it; null while the call is open and in runs stored before it was recorded.
   */
  queuedMs?: number | null;
  durationMs: number | null;
  tokensIn: number | null;
  tokensOut: number | null;
  costUsd: number | null;
  createdAt: string;
}

export interface NewRun {
  id: string;
  conversationId: string;
  /** The key that started it; null (or left out) for personal mode. */
  ownerKeyId?: string | null;
  tier: string;
  question: string;
  startedAt: Date;
  /** The owning instance (DESIGN.md §7); openStore fills in its own when left out. */
  instanceId?: string | null;
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

/** An access key as stored: never the key, only its hash (which is not handed out either). */
export interface AccessKeyRecord {
  id: string;
  name: string;
  admin: boolean;
  limits: KeyLimits;
  /** The tiers it may use; null means every tier. */
  tiers: string[] | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface NewAccessKey {
  id: string;
  name: string;
  /** hashSecret(key) from lib/access/access-key.ts. */
  keyHash: string;
  admin: boolean;
  limits: KeyLimits;
  tiers: string[] | null;
  createdAt: Date;
}

/** A live browser session and the (unrevoked) key it was opened with. */
export interface ActiveSession {
  idHash: string;
  expiresAt: string;
  key: AccessKeyRecord;
}

/** Thrown by createAccessKey when the name is taken (revoked keys keep their names). */
export class DuplicateKeyNameError extends Error {
  constructor(name: string) {
    super(`A key named "${name}" already exists.`);
    this.name = 'DuplicateKeyNameError';
  }
}

/**
 * Which rows a caller may touch: every method that reads or changes a conversation takes one, and the store
 * turns it into a WHERE condition (DESIGN.md §5). Left out, it means every row: for personal mode and for code
 * that is not answering a caller (recovery, retention, tests).
 */
export type Scope = OwnerScope;

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';

  createConversation(input: { id: string; title: string; createdAt: Date; ownerKeyId?: string | null }): Promise<Conversation>;
  /** Null when there is no such conversation, or it is outside the scope. */
  getConversation(id: string, scope?: Scope): Promise<Conversation | null>;
  /** True when a conversation with this id exists, whoever owns it. */
  conversationExists(id: string): Promise<boolean>;
  /** Newest activity first. Throws InvalidCursorError for a cursor it did not hand out. */
  listConversations(options: { limit: number; cursor?: string | null; scope?: Scope }): Promise<Page<Conversation>>;
  /** Null when there is no such conversation in the scope. */
  renameConversation(id: string, title: string, scope?: Scope): Promise<Conversation | null>;
  /** Deletes the conversation with its messages, runs, events and request rows; false when absent (or outside the scope). */
  deleteConversation(id: string, scope?: Scope): Promise<boolean>;

  createAccessKey(input: NewAccessKey): Promise<AccessKeyRecord>;
  /** Oldest first, revoked ones included. */
  listAccessKeys(): Promise<AccessKeyRecord[]>;
  /** True when any key was ever created (revoked or not): the server is then shared. */
  hasAccessKeys(): Promise<boolean>;
  /** The unrevoked key with this hash. */
  findActiveKeyByHash(keyHash: string): Promise<AccessKeyRecord | null>;
  /** Revokes the key and every session opened with it; null when no key has this name. Revoking twice keeps the first time. */
  revokeAccessKey(name: string, at: Date): Promise<AccessKeyRecord | null>;
  createSession(input: { idHash: string; keyId: string; createdAt: Date; expiresAt: Date }): Promise<void>;
  /** The session when it is unexpired, unrevoked and its key is unrevoked; else null. */
  findActiveSession(idHash: string, now: Date): Promise<ActiveSession | null>;
  revokeSession(idHash: string, at: Date): Promise<void>;

  /** Creates the run (status running) with its question as the user message, and touches the conversation. */
  createRun(run: NewRun): Promise<void>;
  /**
   * Applies the batch in one transaction. Its runEnd closes a run that is 'running' or 'interrupted': the
   * owner's final word wins over a recovery that judged it lost (a stalled instance whose lease lapsed), so a
   * finished run's result is never lost, whichever of the two writes lands first.
   */
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

  /** Every run still 'running' becomes 'interrupted' (events kept), whoever owns it. Returns how many. */
  interruptRunningRuns(at: Date): Promise<number>;
  /**
   * Creates or renews an instance's lease until `expiresAt`. Returns false when the lease had already lapsed
   * before `now` (another instance may have recovered its runs meanwhile), true otherwise (also for a new one).
   */
  renewLease(instanceId: string, now: Date, expiresAt: Date): Promise<boolean>;
  /** Ends an instance's lease at `at` (a clean shutdown): its runs left running may be recovered at once. */
  releaseLease(instanceId: string, at: Date): Promise<void>;
  /**
   * Recovery (DESIGN.md §7): every run still 'running' whose instance's lease lapsed before `now` (or that has
   * no instance, or an instance without a lease) becomes 'interrupted', its open calls failed; never a run of
   * `self` or of an instance whose lease is live. Leases lapsed for over a day are forgotten. Returns how many.
   */
  interruptOrphanedRuns(now: Date, self: string): Promise<number>;
  /** Retention: deletes llm_requests created before `cutoff`. Returns how many. */
  deleteLlmRequestsBefore(cutoff: Date): Promise<number>;

  /** The presets of one owner (a key id, or null for personal mode), by name. */
  listPresets(ownerKeyId: string | null): Promise<StoredPreset[]>;
  /** Saves a preset under its name for this owner, replacing one of the same name. */
  putPreset(ownerKeyId: string | null, preset: CouncilPresetBody, at: Date): Promise<StoredPreset>;
  /** True when the owner had a preset of that name. */
  deletePreset(ownerKeyId: string | null, name: string): Promise<boolean>;
  /** Resolves when the database answers a trivial query (for /api/health); rejects otherwise. */
  ping(): Promise<void>;

  close(): Promise<void>;
}
