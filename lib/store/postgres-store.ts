/**
 * The shared store: PostgreSQL through one `pg` Pool. Each writeBatch is one transaction on one pooled
 * client with multi-row statements, so a flush costs a handful of round trips whatever its size.
 */
import { Pool, type PoolClient } from 'pg';
import { decodeCursor } from './cursor';
import { POSTGRES_MIGRATIONS } from './migrations';
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
import { pageOf } from './page-of';
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
  SUMMARY_READ_NAMES,
  summarySql,
  toSummary,
} from './stats-rows';

type Row = Record<string, unknown>;

export interface PostgresStoreOptions {
  connectionString: string;
  /** Pool size; the default suits one app server. */
  max?: number;
}

/** Any number chosen once: concurrent start-ups wait on it instead of racing to migrate. */
const MIGRATION_LOCK = 727_001;

export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const pool = new Pool({ connectionString: options.connectionString, max: options.max ?? 10 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', (error) => console.error('PostgreSQL pool error:', error.message));
  try {
    await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
      );
      const { rows } = await client.query('SELECT version FROM schema_migrations');
      const done = new Set(rows.map((r: Row) => Number(r.version)));
      for (const migration of POSTGRES_MIGRATIONS) {
        if (done.has(migration.version)) continue;
        await client.query(migration.sql);
        if (migration.version === STATS_MIGRATION_VERSION) await backfillStats(client);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          migration.version,
          migration.name,
          Date.now(),
        ]);
      }
    });
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresStore(pool);
}

async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** `($1, $2), ($3, $4)` for rows of `width` values. */
function placeholders(rows: number, width: number): string {
  const groups: string[] = [];
  for (let r = 0; r < rows; r++) {
    groups.push(`(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`);
  }
  return groups.join(', ');
}

class PostgresStore implements Store {
  readonly dialect = 'postgres' as const;

  constructor(private readonly pool: Pool) {}

  private async rows(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, params)).rows as Row[];
  }

  async createConversation(input: { id: string; title: string; createdAt: Date }): Promise<Conversation> {
    const at = input.createdAt.getTime();
    const [row] = await this.rows('INSERT INTO conversations (id, title, created_at, updated_at) VALUES ($1, $2, $3, $3) RETURNING *', [
      input.id,
      input.title,
      at,
    ]);
    return toConversation(row);
  }

  async getConversation(id: string): Promise<Conversation | null> {
    const [row] = await this.rows('SELECT * FROM conversations WHERE id = $1', [id]);
    return row ? toConversation(row) : null;
  }

  async listConversations(options: { limit: number; cursor?: string | null }): Promise<Page<Conversation>> {
    const after = options.cursor ? decodeCursor(options.cursor) : null;
    const rows = after
      ? await this.rows(
          'SELECT * FROM conversations WHERE (updated_at, id) < ($1, $2) ORDER BY updated_at DESC, id DESC LIMIT $3',
          [after.updatedAtMs, after.id, options.limit + 1],
        )
      : await this.rows('SELECT * FROM conversations ORDER BY updated_at DESC, id DESC LIMIT $1', [options.limit + 1]);
    return pageOf(rows, options.limit);
  }

  async renameConversation(id: string, title: string): Promise<Conversation | null> {
    const [row] = await this.rows('UPDATE conversations SET title = $1 WHERE id = $2 RETURNING *', [title, id]);
    return row ? toConversation(row) : null;
  }

  async deleteConversation(id: string): Promise<boolean> {
    return ((await this.pool.query('DELETE FROM conversations WHERE id = $1', [id])).rowCount ?? 0) > 0;
  }

  async createRun(run: NewRun): Promise<void> {
    const at = run.startedAt.getTime();
    await inTransaction(this.pool, async (client) => {
      await client.query(
        "INSERT INTO runs (id, conversation_id, tier, question, status, started_at) VALUES ($1, $2, $3, $4, 'running', $5)",
        [run.id, run.conversationId, run.tier, run.question, at],
      );
      await insertMessages(client, [
        { conversationId: run.conversationId, role: 'user', content: run.question, runId: run.id, createdAt: run.startedAt },
      ]);
      await client.query('UPDATE conversations SET updated_at = GREATEST(updated_at, $1) WHERE id = $2', [at, run.conversationId]);
    });
  }

  async writeBatch(batch: WriteBatch): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      const events = batch.events ?? [];
      if (events.length > 0) {
        await client.query(
          `INSERT INTO run_events (run_id, seq, type, payload) VALUES ${placeholders(events.length, 4)}`,
          events.flatMap((e) => [e.runId, e.seq, e.type, JSON.stringify(e)]),
        );
      }
      const requests = batch.llmRequests ?? [];
      if (requests.length > 0) {
        await client.query(
          `INSERT INTO llm_requests (${LLM_REQUEST_COLUMNS.join(', ')}) VALUES ${placeholders(requests.length, LLM_REQUEST_COLUMNS.length)} ` +
            `ON CONFLICT (run_id, stage, model, attempt) DO UPDATE SET ${LLM_REQUEST_UPDATABLE.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`,
          requests.flatMap(llmRequestValues),
        );
      }
      await writeStatsFacts(client, events);
      await insertMessages(client, batch.messages ?? []);
      if (batch.runEnd) {
        const end = batch.runEnd;
        await client.query(
          "UPDATE runs SET status = $1, totals = $2, final_text = $3, ended_at = $4 WHERE id = $5 AND status = 'running'",
          [end.status, end.totals === null ? null : JSON.stringify(end.totals), end.finalText, end.endedAt.getTime(), end.runId],
        );
      }
      if (batch.touchConversation) {
        await client.query('UPDATE conversations SET updated_at = GREATEST(updated_at, $1) WHERE id = $2', [
          batch.touchConversation.at.getTime(),
          batch.touchConversation.id,
        ]);
      }
    });
  }

  async getRun(id: string) {
    const [row] = await this.rows('SELECT * FROM runs WHERE id = $1', [id]);
    return row ? toRun(row) : null;
  }

  async listRuns(conversationId: string) {
    return (await this.rows('SELECT * FROM runs WHERE conversation_id = $1 ORDER BY started_at, id', [conversationId])).map(toRun);
  }

  async listMessages(conversationId: string) {
    return (await this.rows('SELECT * FROM messages WHERE conversation_id = $1 ORDER BY id', [conversationId])).map(toMessage);
  }

  async listEvents(runId: string) {
    return (await this.rows('SELECT payload FROM run_events WHERE run_id = $1 ORDER BY seq', [runId])).map(toEvent);
  }

  async listLlmRequests(runId: string) {
    const rows = await this.rows('SELECT * FROM llm_requests WHERE run_id = $1 ORDER BY stage, model, attempt', [runId]);
    return rows.map(toLlmRequest);
  }

  async listAnsweredTurns(conversationId: string, limit: number) {
    if (limit <= 0) return [];
    const rows = await this.rows(
      `SELECT u.content AS question, a.content AS answer FROM messages u
       JOIN messages a ON a.run_id = u.run_id AND a.role = 'assistant' AND a.conversation_id = u.conversation_id
       WHERE u.conversation_id = $1 AND u.role = 'user' ORDER BY u.id DESC LIMIT $2`,
      [conversationId, limit],
    );
    return rows.reverse().map((r) => ({ question: String(r.question), answer: String(r.answer) }));
  }

  async readStatsSummary(options: { since: Date; scope: OwnerScope }): Promise<StatsSummary> {
    const params = statsParams(options.since, options.scope);
    const [outcomes, timings, judges, placements] = await Promise.all(
      SUMMARY_READ_NAMES.map((name) => this.rows(summarySql(name, options.scope, (i) => `$${i}`), params)),
    );
    return toSummary({ outcomes, timings, judges, placements });
  }

  async interruptRunningRuns(at: Date): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      await client.query(
        `UPDATE llm_requests SET status = 'failed', error_kind = 'interrupted', error_message = 'The server stopped during the call.'
         WHERE status IN ('pending', 'processing') AND run_id IN (SELECT id FROM runs WHERE status = 'running')`,
      );
      const result = await client.query("UPDATE runs SET status = 'interrupted', ended_at = $1 WHERE status = 'running'", [at.getTime()]);
      return result.rowCount ?? 0;
    });
  }

  async deleteLlmRequestsBefore(cutoff: Date): Promise<number> {
    return (await this.pool.query('DELETE FROM llm_requests WHERE created_at < $1', [cutoff.getTime()])).rowCount ?? 0;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

async function insertMessages(client: PoolClient, messages: NewMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await client.query(
    `INSERT INTO messages (conversation_id, role, content, run_id, created_at) VALUES ${placeholders(messages.length, 5)}`,
    messages.flatMap((m) => [m.conversationId, m.role, m.content, m.runId, m.createdAt.getTime()]),
  );
}

/** Multi-row inserts, chunked under PostgreSQL's 65535 parameters per statement. */
async function insertRows(client: PoolClient, table: string, columns: readonly string[], rows: unknown[][]): Promise<void> {
  const perStatement = Math.floor(60_000 / columns.length);
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${placeholders(chunk.length, columns.length)}`, chunk.flat());
  }
}

/** Writes the stats facts of `events` (the same rows whether the events are new or already stored). */
async function writeStatsFacts(client: PoolClient, events: readonly CouncilEvent[]): Promise<void> {
  if (events.length === 0) return;
  const { facts, replacedPlacements } = batchFacts(events);
  await insertRows(client, 'stats_members', MEMBER_COLUMNS, facts.members.map(memberValues));
  await insertRows(client, 'stats_judgements', JUDGEMENT_COLUMNS, facts.judgements.map((f) => judgementValues(f, Boolean)));
  if (replacedPlacements.length > 0) await client.query('DELETE FROM stats_placements WHERE run_id = ANY($1)', [replacedPlacements]);
  await insertRows(client, 'stats_placements', PLACEMENT_COLUMNS, facts.placements.map(placementValues));
}

/** Runs recorded before the stats tables existed: their facts, from their stored events. */
async function backfillStats(client: PoolClient): Promise<void> {
  const { rows } = await client.query(`SELECT payload FROM run_events WHERE type IN (${STATS_EVENT_TYPE_LIST}) ORDER BY run_id, seq`);
  await writeStatsFacts(client, rows.map((row: Row) => toEvent(row)));
}
