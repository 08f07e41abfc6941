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
  FORGET_LEASE_AFTER_MS,
  LLM_REQUEST_COLUMNS,
  LLM_REQUEST_UPDATABLE,
  llmRequestValues,
  orphanedRunsWhere,
  toConversation,
  toEvent,
  toLlmRequest,
  toMessage,
  toRun,
} from './row-mappers';
import { ACCESS_KEY_COLUMNS, accessKeyValues, isUniqueViolation, ownerCondition, toAccessKey } from './access-rows';
import {
  DuplicateKeyNameError,
  type AccessKeyRecord,
  type ActiveSession,
  type Conversation,
  type NewAccessKey,
  type NewMessage,
  type NewRun,
  type Page,
  type Scope,
  type Store,
  type WriteBatch,
} from './store';
import { presetOwner, toStoredPreset, type CouncilPresetBody, type StoredPreset } from './council-presets';
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
  // Most batches are streamed text only: they have no facts and need no statement.
  if (facts.members.length + facts.judgements.length + facts.placements.length + replacedPlacements.length === 0) return;
  const { member, judgement, placement, clear } = statsStatements(db);
  for (const f of facts.members) member.run(...memberValues(f));
  for (const f of facts.judgements) judgement.run(...judgementValues(f, Number));
  for (const runId of replacedPlacements) clear.run(runId);
  for (const f of facts.placements) placement.run(...placementValues(f));
}

interface StatsStatements {
  member: Database.Statement;
  judgement: Database.Statement;
  placement: Database.Statement;
  clear: Database.Statement;
}
const preparedStats = new WeakMap<Database.Database, StatsStatements>();

/** The stats statements of `db`, prepared once: preparing them was most of the cost of a small batch. */
function statsStatements(db: Database.Database): StatsStatements {
  let statements = preparedStats.get(db);
  if (!statements) {
    statements = {
      member: db.prepare(STATS_SQL.member),
      judgement: db.prepare(STATS_SQL.judgement),
      placement: db.prepare(STATS_SQL.placement),
      clear: db.prepare(STATS_SQL.clearPlacements),
    };
    preparedStats.set(db, statements);
  }
  return statements;
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

interface PendingBatch {
  batch: WriteBatch;
  resolve: () => void;
  reject: (error: unknown) => void;
}

class SqliteStore implements Store {
  readonly dialect = 'sqlite' as const;
  private readonly statements;
  private readonly writeBatchTx;
  private readonly writeGroupTx;
  private pendingBatches: PendingBatch[] = [];
  private readonly createRunTx;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      insertConversation: db.prepare('INSERT INTO conversations (id, title, created_at, updated_at, owner_key_id) VALUES (?, ?, ?, ?, ?)'),
      touch: db.prepare('UPDATE conversations SET updated_at = MAX(updated_at, ?) WHERE id = ?'),
      insertMessage: db.prepare('INSERT INTO messages (conversation_id, role, content, run_id, created_at) VALUES (?, ?, ?, ?, ?)'),
      insertRun: db.prepare(
        "INSERT INTO runs (id, conversation_id, tier, question, status, started_at, instance_id, owner_key_id) VALUES (?, ?, ?, ?, 'running', ?, ?, ?)",
      ),
      insertEvent: db.prepare('INSERT INTO run_events (run_id, seq, type, payload) VALUES (?, ?, ?, ?)'),
      upsertLlmRequest: db.prepare(upsertLlmRequestSql),
      endRun: db.prepare("UPDATE runs SET status = ?, totals = ?, final_text = ?, ended_at = ? WHERE id = ? AND status IN ('running', 'interrupted')"),
    };
    this.writeBatchTx = db.transaction((batch: WriteBatch) => this.applyBatch(batch));
    // Nested in this one, writeBatchTx runs as a savepoint: a batch that throws is undone alone.
    this.writeGroupTx = db.transaction((group: PendingBatch[], failures: unknown[]) => {
      group.forEach(({ batch }, i) => {
        try {
          this.writeBatchTx(batch);
        } catch (error) {
          failures[i] = error;
        }
      });
    });
    this.createRunTx = db.transaction((run: NewRun) => {
      const at = run.startedAt.getTime();
      this.statements.insertRun.run(run.id, run.conversationId, run.tier, run.question, at, run.instanceId ?? null, run.ownerKeyId ?? null);
      this.insertMessage({ conversationId: run.conversationId, role: 'user', content: run.question, runId: run.id, createdAt: run.startedAt });
      this.statements.touch.run(at, run.conversationId);
    });
  }

  async createConversation(input: { id: string; title: string; createdAt: Date; ownerKeyId?: string | null }): Promise<Conversation> {
    const at = input.createdAt.getTime();
    this.statements.insertConversation.run(input.id, input.title, at, at, input.ownerKeyId ?? null);
    return toConversation({ id: input.id, title: input.title, created_at: at, updated_at: at });
  }

  async getConversation(id: string, scope?: Scope): Promise<Conversation | null> {
    const owner = ownerCondition(scope, '?');
    const row = this.db.prepare(`SELECT * FROM conversations WHERE id = ?${owner.sql}`).get(id, ...owner.params) as Row | undefined;
    return row ? toConversation(row) : null;
  }

  async conversationExists(id: string): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM conversations WHERE id = ?').get(id) !== undefined;
  }

  async listConversations(options: { limit: number; cursor?: string | null; scope?: Scope }): Promise<Page<Conversation>> {
    const after = options.cursor ? decodeCursor(options.cursor) : null;
    const owner = ownerCondition(options.scope, '?');
    const rows = (
      after
        ? this.db
            .prepare(
              `SELECT * FROM conversations WHERE (updated_at < ? OR (updated_at = ? AND id < ?))${owner.sql} ORDER BY updated_at DESC, id DESC LIMIT ?`,
            )
            .all(after.updatedAtMs, after.updatedAtMs, after.id, ...owner.params, options.limit + 1)
        : this.db
            .prepare(`SELECT * FROM conversations WHERE 1 = 1${owner.sql} ORDER BY updated_at DESC, id DESC LIMIT ?`)
            .all(...owner.params, options.limit + 1)
    ) as Row[];
    return pageOf(rows, options.limit);
  }

  async renameConversation(id: string, title: string, scope?: Scope): Promise<Conversation | null> {
    const owner = ownerCondition(scope, '?');
    const result = this.db.prepare(`UPDATE conversations SET title = ? WHERE id = ?${owner.sql}`).run(title, id, ...owner.params);
    return result.changes === 0 ? null : this.getConversation(id);
  }

  async deleteConversation(id: string, scope?: Scope): Promise<boolean> {
    const owner = ownerCondition(scope, '?');
    return this.db.prepare(`DELETE FROM conversations WHERE id = ?${owner.sql}`).run(id, ...owner.params).changes > 0;
  }

  async createAccessKey(input: NewAccessKey): Promise<AccessKeyRecord> {
    try {
      this.db
        .prepare(`INSERT INTO access_keys (${ACCESS_KEY_COLUMNS.join(', ')}) VALUES (${ACCESS_KEY_COLUMNS.map(() => '?').join(', ')})`)
        .run(...accessKeyValues(input, input.admin ? 1 : 0));
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateKeyNameError(input.name);
      throw error;
    }
    return toAccessKey(this.db.prepare('SELECT * FROM access_keys WHERE id = ?').get(input.id) as Row);
  }

  async listAccessKeys(): Promise<AccessKeyRecord[]> {
    return (this.db.prepare('SELECT * FROM access_keys ORDER BY created_at, name').all() as Row[]).map(toAccessKey);
  }

  async hasAccessKeys(): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM access_keys LIMIT 1').get() !== undefined;
  }

  async findActiveKeyByHash(keyHash: string): Promise<AccessKeyRecord | null> {
    const row = this.db.prepare('SELECT * FROM access_keys WHERE key_hash = ? AND revoked_at IS NULL').get(keyHash) as Row | undefined;
    return row ? toAccessKey(row) : null;
  }

  async revokeAccessKey(name: string, at: Date): Promise<AccessKeyRecord | null> {
    const revoke = this.db.transaction(() => {
      const row = this.db.prepare('SELECT id FROM access_keys WHERE name = ?').get(name) as Row | undefined;
      if (!row) return null;
      this.db.prepare('UPDATE access_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at.getTime(), row.id);
      this.db.prepare('UPDATE sessions SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL').run(at.getTime(), row.id);
      return toAccessKey(this.db.prepare('SELECT * FROM access_keys WHERE id = ?').get(row.id) as Row);
    });
    return revoke.immediate();
  }

  async createSession(input: { idHash: string; keyId: string; createdAt: Date; expiresAt: Date }): Promise<void> {
    this.db
      .prepare('INSERT INTO sessions (id_hash, key_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(input.idHash, input.keyId, input.createdAt.getTime(), input.expiresAt.getTime());
  }

  async findActiveSession(idHash: string, now: Date): Promise<ActiveSession | null> {
    const row = this.db
      .prepare(
        `SELECT s.expires_at AS session_expires_at, k.* FROM sessions s JOIN access_keys k ON k.id = s.key_id
         WHERE s.id_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND k.revoked_at IS NULL`,
      )
      .get(idHash, now.getTime()) as Row | undefined;
    return row ? { idHash, expiresAt: new Date(Number(row.session_expires_at)).toISOString(), key: toAccessKey(row) } : null;
  }

  async revokeSession(idHash: string, at: Date): Promise<void> {
    this.db.prepare('UPDATE sessions SET revoked_at = ? WHERE id_hash = ? AND revoked_at IS NULL').run(at.getTime(), idHash);
  }

  async createRun(run: NewRun): Promise<void> {
    this.createRunTx(run);
  }

  /**
   * Group commit: the batches handed in during one turn of the event loop (every live run's recorder flushes on
   * the same beat) are written in one transaction, each in its own savepoint, so that one failing batch fails
   * alone. A commit per batch was most of the store's CPU under load: a hundred runs made two thousand a second.
   */
  writeBatch(batch: WriteBatch): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pendingBatches.push({ batch, resolve, reject });
      if (this.pendingBatches.length === 1) setImmediate(() => this.commitPendingBatches());
    });
  }

  private commitPendingBatches(): void {
    const group = this.pendingBatches.splice(0);
    if (group.length === 0) return;
    const failures: unknown[] = [];
    try {
      this.writeGroupTx(group, failures);
    } catch (error) {
      // The group's own BEGIN or COMMIT failed (the database went away): nothing of it was written.
      for (const pending of group) pending.reject(error);
      return;
    }
    group.forEach((pending, i) => (failures[i] === undefined ? pending.resolve() : pending.reject(failures[i])));
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

  async renewLease(instanceId: string, now: Date, expiresAt: Date): Promise<boolean> {
    const tx = this.db.transaction(() => {
      const previous = this.db.prepare('SELECT lease_expires_at FROM instances WHERE id = ?').get(instanceId) as Row | undefined;
      this.db
        .prepare(
          `INSERT INTO instances (id, started_at, lease_expires_at) VALUES (?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET lease_expires_at = MAX(lease_expires_at, excluded.lease_expires_at)`,
        )
        .run(instanceId, now.getTime(), expiresAt.getTime());
      return previous === undefined || Number(previous.lease_expires_at) >= now.getTime();
    });
    return tx.immediate();
  }

  async releaseLease(instanceId: string, at: Date): Promise<void> {
    this.db.prepare('UPDATE instances SET lease_expires_at = ? WHERE id = ?').run(at.getTime() - 1, instanceId);
  }

  async interruptOrphanedRuns(now: Date, self: string): Promise<number> {
    const ms = now.getTime();
    const where = orphanedRunsWhere((name) => `@${name}`);
    const tx = this.db.transaction(() => {
      // Calls that were in flight when their instance died will never finish: close them as failed.
      this.db
        .prepare(
          `UPDATE llm_requests SET status = 'failed', error_kind = 'interrupted', error_message = 'The server stopped during the call.'
           WHERE status IN ('pending', 'processing') AND run_id IN (SELECT id FROM runs WHERE ${where})`,
        )
        .run({ now: ms, self });
      const changes = this.db.prepare(`UPDATE runs SET status = 'interrupted', ended_at = @now WHERE ${where}`).run({ now: ms, self }).changes;
      this.db.prepare('DELETE FROM instances WHERE lease_expires_at < ?').run(ms - FORGET_LEASE_AFTER_MS);
      return changes;
    });
    return tx.immediate();
  }

  async deleteLlmRequestsBefore(cutoff: Date): Promise<number> {
    return this.db.prepare('DELETE FROM llm_requests WHERE created_at < ?').run(cutoff.getTime()).changes;
  }

  async listPresets(ownerKeyId: string | null): Promise<StoredPreset[]> {
    const rows = this.db.prepare('SELECT * FROM council_presets WHERE owner_key_id = ? ORDER BY name').all(presetOwner(ownerKeyId)) as Row[];
    return rows.map(toStoredPreset);
  }

  async putPreset(ownerKeyId: string | null, preset: CouncilPresetBody, at: Date): Promise<StoredPreset> {
    this.db
      .prepare(
        'INSERT INTO council_presets (owner_key_id, name, preset, updated_at) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (owner_key_id, name) DO UPDATE SET preset = excluded.preset, updated_at = excluded.updated_at',
      )
      .run(presetOwner(ownerKeyId), preset.name, JSON.stringify(preset), at.getTime());
    return { ...preset, updatedAt: at.toISOString() };
  }

  async deletePreset(ownerKeyId: string | null, name: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM council_presets WHERE owner_key_id = ? AND name = ?').run(presetOwner(ownerKeyId), name).changes > 0;
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    // Batches handed in this turn are written before the database closes, as they were when each was immediate.
    if (this.db.open) this.commitPendingBatches();
    if (this.db.open) this.db.close();
  }
}
