/**
 * The embedded store: one SQLite file (WAL, so readers never wait for the writer and a crash keeps every
 * committed transaction). better-sqlite3 is synchronous; each method is one short statement or transaction,
 * and the run recorder calls writeBatch from a timer, never from the event stream itself.
 */
import Database from 'better-sqlite3';
import { decodeCursor } from './cursor';
import { pageOf } from './page-of';
import { SQLITE_MIGRATIONS } from './migrations';
import {
  LLM_REQUEST_COLUMNS,
  LLM_REQUEST_UPDATABLE,
  llmRequestValues,
  toConversation,
  toEvent,
  toLlmRequest,
  toMessage,
  toRun,
} from './row-mappers';
import type { Conversation, NewMessage, NewRun, Page, Store, WriteBatch } from './store';
import type { OwnerScope } from '@/lib/access/identity';
import type { CouncilEvent } from '@/lib/council/events';
import type { StatsSummary } from '@/lib/stats/stats-summary';
import {
  batchFacts,
  JUDGEMENT_COLUMNS,
  judgementValues,
  MEMBER_COLUMNS,
  memberValues,
  PLACEMENT_COLUMNS,
  placementValues,
  STATS_EVENT_TYPE_LIST,
  STATS_MIGRATION_VERSION,
  statsParams,
  summarySql,
  toSummary,
  type SummaryRead,
} from './stats-rows';

type Row = Record<string, unknown>;

export interface SqliteStoreOptions {
  /** A file path, or ':memory:'. */
  filename: string;
}

export function openSqliteStore(options: SqliteStoreOptions): Store {
  const db = new Database(options.filename);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a process crash loses nothing committed; only a power cut may lose the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return new SqliteStore(db);
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  // IMMEDIATE: two processes starting at once take turns instead of both applying a version.
  const apply = db.transaction(() => {
    const done = new Set((db.prepare('SELECT version FROM schema_migrations').all() as Row[]).map((r) => Number(r.version)));
    for (const migration of SQLITE_MIGRATIONS) {
      if (done.has(migration.version)) continue;
      db.exec(migration.sql);
      if (migration.version === STATS_MIGRATION_VERSION) backfillStats(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        Date.now(),
      );
    }
  });
  apply.immediate();
}

function insertSql(table: string, columns: readonly string[]): string {
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
}

const STATS_SQL = {
  member: insertSql('stats_members', MEMBER_COLUMNS),
  judgement: insertSql('stats_judgements', JUDGEMENT_COLUMNS),
  placement: insertSql('stats_placements', PLACEMENT_COLUMNS),
  clearPlacements: 'DELETE FROM stats_placements WHERE run_id = ?',
};

/** Writes the stats facts of `events` (the same rows whether the events are new or already stored). */
function writeStatsFacts(db: Database.Database, events: readonly CouncilEvent[]): void {
  const { facts, replacedPlacements } = batchFacts(events);
  const member = db.prepare(STATS_SQL.member);
  const judgement = db.prepare(STATS_SQL.judgement);
  const placement = db.prepare(STATS_SQL.placement);
  const clear = db.prepare(STATS_SQL.clearPlacements);
  for (const f of facts.members) member.run(...memberValues(f));
  for (const f of facts.judgements) judgement.run(...judgementValues(f, Number));
  for (const runId of replacedPlacements) clear.run(runId);
  for (const f of facts.placements) placement.run(...placementValues(f));
}

/** Runs recorded before the stats tables existed: their facts, from their stored events, one run at a time. */
function backfillStats(db: Database.Database): void {
  let current: string | null = null;
  let events: CouncilEvent[] = [];
  const rows = db.prepare(`SELECT run_id, payload FROM run_events WHERE type IN (${STATS_EVENT_TYPE_LIST}) ORDER BY run_id, seq`).iterate() as Iterable<Row>;
  const pending: CouncilEvent[][] = [];
  for (const row of rows) {
    if (row.run_id !== current) {
      if (events.length > 0) pending.push(events);
      current = String(row.run_id);
      events = [];
    }
    events.push(toEvent(row));
  }
  if (events.length > 0) pending.push(events);
  // Written after the read: better-sqlite3 does not allow writes while an iterator is open.
  for (const run of pending) writeStatsFacts(db, run);
}

const upsertLlmRequestSql =
  `INSERT INTO llm_requests (${LLM_REQUEST_COLUMNS.join(', ')}) VALUES (${LLM_REQUEST_COLUMNS.map(() => '?').join(', ')}) ` +
  `ON CONFLICT (run_id, stage, model, attempt) DO UPDATE SET ${LLM_REQUEST_UPDATABLE.map((c) => `${c} = excluded.${c}`).join(', ')}`;

class SqliteStore implements Store {
  readonly dialect = 'sqlite' as const;
  private readonly statements;
  private readonly writeBatchTx;
  private readonly createRunTx;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      insertConversation: db.prepare('INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)'),
      getConversation: db.prepare('SELECT * FROM conversations WHERE id = ?'),
      touch: db.prepare('UPDATE conversations SET updated_at = MAX(updated_at, ?) WHERE id = ?'),
      insertMessage: db.prepare('INSERT INTO messages (conversation_id, role, content, run_id, created_at) VALUES (?, ?, ?, ?, ?)'),
      insertRun: db.prepare("INSERT INTO runs (id, conversation_id, tier, question, status, started_at) VALUES (?, ?, ?, ?, 'running', ?)"),
      insertEvent: db.prepare('INSERT INTO run_events (run_id, seq, type, payload) VALUES (?, ?, ?, ?)'),
      upsertLlmRequest: db.prepare(upsertLlmRequestSql),
      endRun: db.prepare("UPDATE runs SET status = ?, totals = ?, final_text = ?, ended_at = ? WHERE id = ? AND status = 'running'"),
    };
    this.writeBatchTx = db.transaction((batch: WriteBatch) => this.applyBatch(batch));
    this.createRunTx = db.transaction((run: NewRun) => {
      const at = run.startedAt.getTime();
      this.statements.insertRun.run(run.id, run.conversationId, run.tier, run.question, at);
      this.insertMessage({ conversationId: run.conversationId, role: 'user', content: run.question, runId: run.id, createdAt: run.startedAt });
      this.statements.touch.run(at, run.conversationId);
    });
  }

  async createConversation(input: { id: string; title: string; createdAt: Date }): Promise<Conversation> {
    const at = input.createdAt.getTime();
    this.statements.insertConversation.run(input.id, input.title, at, at);
    return toConversation({ id: input.id, title: input.title, created_at: at, updated_at: at });
  }

  async getConversation(id: string): Promise<Conversation | null> {
    const row = this.statements.getConversation.get(id) as Row | undefined;
    return row ? toConversation(row) : null;
  }

  async listConversations(options: { limit: number; cursor?: string | null }): Promise<Page<Conversation>> {
    const after = options.cursor ? decodeCursor(options.cursor) : null;
    const rows = (
      after
        ? this.db
            .prepare('SELECT * FROM conversations WHERE updated_at < ? OR (updated_at = ? AND id < ?) ORDER BY updated_at DESC, id DESC LIMIT ?')
            .all(after.updatedAtMs, after.updatedAtMs, after.id, options.limit + 1)
        : this.db.prepare('SELECT * FROM conversations ORDER BY updated_at DESC, id DESC LIMIT ?').all(options.limit + 1)
    ) as Row[];
    return pageOf(rows, options.limit);
  }

  async renameConversation(id: string, title: string): Promise<Conversation | null> {
    const result = this.db.prepare('UPDATE conversations SET title = ? WHERE id = ?').run(title, id);
    return result.changes === 0 ? null : this.getConversation(id);
  }

  async deleteConversation(id: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM conversations WHERE id = ?').run(id).changes > 0;
  }

  async createRun(run: NewRun): Promise<void> {
    this.createRunTx(run);
  }

  async writeBatch(batch: WriteBatch): Promise<void> {
    this.writeBatchTx(batch);
  }

  private applyBatch(batch: WriteBatch): void {
    for (const event of batch.events ?? []) {
      this.statements.insertEvent.run(event.runId, event.seq, event.type, JSON.stringify(event));
    }
    if (batch.events?.length) writeStatsFacts(this.db, batch.events);
    for (const row of batch.llmRequests ?? []) this.statements.upsertLlmRequest.run(...llmRequestValues(row));
    for (const message of batch.messages ?? []) this.insertMessage(message);
    if (batch.runEnd) {
      const end = batch.runEnd;
      this.statements.endRun.run(
        end.status,
        end.totals === null ? null : JSON.stringify(end.totals),
        end.finalText,
        end.endedAt.getTime(),
        end.runId,
      );
    }
    if (batch.touchConversation) this.statements.touch.run(batch.touchConversation.at.getTime(), batch.touchConversation.id);
  }

  private insertMessage(message: NewMessage): void {
    this.statements.insertMessage.run(message.conversationId, message.role, message.content, message.runId, message.createdAt.getTime());
  }

  async getRun(id: string) {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as Row | undefined;
    return row ? toRun(row) : null;
  }

  async listRuns(conversationId: string) {
    const rows = this.db.prepare('SELECT * FROM runs WHERE conversation_id = ? ORDER BY started_at, rowid').all(conversationId) as Row[];
    return rows.map(toRun);
  }

  async listMessages(conversationId: string) {
    const rows = this.db.prepare('SELECT * FROM messages WHERE conversation_id = ? ORDER BY id').all(conversationId) as Row[];
    return rows.map(toMessage);
  }

  async listEvents(runId: string) {
    const rows = this.db.prepare('SELECT payload FROM run_events WHERE run_id = ? ORDER BY seq').all(runId) as Row[];
    return rows.map(toEvent);
  }

  async listLlmRequests(runId: string) {
    const rows = this.db.prepare('SELECT * FROM llm_requests WHERE run_id = ? ORDER BY stage, model, attempt').all(runId) as Row[];
    return rows.map(toLlmRequest);
  }

  async listAnsweredTurns(conversationId: string, limit: number) {
    if (limit <= 0) return [];
    const rows = this.db
      .prepare(
        `SELECT u.content AS question, a.content AS answer FROM messages u
         JOIN messages a ON a.run_id = u.run_id AND a.role = 'assistant' AND a.conversation_id = u.conversation_id
         WHERE u.conversation_id = ? AND u.role = 'user' ORDER BY u.id DESC LIMIT ?`,
      )
      .all(conversationId, limit) as { question: string; answer: string }[];
    return rows.reverse().map((r) => ({ question: r.question, answer: r.answer }));
  }

  async readStatsSummary(options: { since: Date; scope: OwnerScope }): Promise<StatsSummary> {
    const params = statsParams(options.since, options.scope);
    const read = (name: SummaryRead) => this.db.prepare(summarySql(name, options.scope, () => '?')).all(...params) as Row[];
    return toSummary({ outcomes: read('outcomes'), timings: read('timings'), judges: read('judges'), placements: read('placements') });
  }

  async interruptRunningRuns(at: Date): Promise<number> {
    const tx = this.db.transaction(() => {
      // Calls that were in flight when the process died will never finish: close them as failed.
      this.db
        .prepare(
          `UPDATE llm_requests SET status = 'failed', error_kind = 'interrupted', error_message = 'The server stopped during the call.'
           WHERE status IN ('pending', 'processing') AND run_id IN (SELECT id FROM runs WHERE status = 'running')`,
        )
        .run();
      return this.db.prepare("UPDATE runs SET status = 'interrupted', ended_at = ? WHERE status = 'running'").run(at.getTime()).changes;
    });
    return tx.immediate();
  }

  async deleteLlmRequestsBefore(cutoff: Date): Promise<number> {
    return this.db.prepare('DELETE FROM llm_requests WHERE created_at < ?').run(cutoff.getTime()).changes;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
