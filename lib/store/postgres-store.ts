/**
 * The shared store: PostgreSQL through one `pg` Pool. Each writeBatch is one transaction on one pooled
 * client with multi-row statements, so a flush costs a handful of round trips whatever its size.
 */
import { Pool, type PoolClient } from 'pg';
import { decodeCursor } from './cursor';
import { POSTGRES_MIGRATIONS } from './migrations';
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
import { pageOf } from './page-of';
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
  SUMMARY_READ_NAMES,
  summarySql,
  toSummary,
} from './stats-rows';

type Row = Record<string, unknown>;

export interface PostgresStoreOptions {
  connectionString: string;
  /** Pool size; the default suits one app server. */
  max?: number;
  /** Give up on a connection that is not established within this long (an unreachable host). Default 5 s. */
  connectTimeoutMs?: number;
  /** The server cancels any statement that runs longer (a locked table, a stuck disk). Default 10 s. */
  statementTimeoutMs?: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;

/** Any number chosen once: concurrent start-ups wait on it instead of racing to migrate. */
const MIGRATION_LOCK = 727_001;

export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  // Without these a dead or stuck database holds every request that touches storage for minutes: a run would
  // wait on it before starting. With them a failure is quick, and the run goes on unsaved (`not_saved`).
  const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const pool = new Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    statement_timeout: statementTimeoutMs,
    // The client-side bound too, for a server that stops answering altogether (statement_timeout needs a live server).
    query_timeout: statementTimeoutMs + 1_000,
  });
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

  async createConversation(input: { id: string; title: string; createdAt: Date; ownerKeyId?: string | null }): Promise<Conversation> {
    const at = input.createdAt.getTime();
    const [row] = await this.rows(
      'INSERT INTO conversations (id, title, created_at, updated_at, owner_key_id) VALUES ($1, $2, $3, $3, $4) RETURNING *',
      [input.id, input.title, at, input.ownerKeyId ?? null],
    );
    return toConversation(row);
  }

  async getConversation(id: string, scope?: Scope): Promise<Conversation | null> {
    const owner = ownerCondition(scope, '$2');
    const [row] = await this.rows(`SELECT * FROM conversations WHERE id = $1${owner.sql}`, [id, ...owner.params]);
    return row ? toConversation(row) : null;
  }

  async conversationExists(id: string): Promise<boolean> {
    return (await this.rows('SELECT 1 FROM conversations WHERE id = $1', [id])).length > 0;
  }

  async listConversations(options: { limit: number; cursor?: string | null; scope?: Scope }): Promise<Page<Conversation>> {
    const after = options.cursor ? decodeCursor(options.cursor) : null;
    const rows = after
      ? await (() => {
          const owner = ownerCondition(options.scope, '$4');
          return this.rows(
            `SELECT * FROM conversations WHERE (updated_at, id) < ($1, $2)${owner.sql} ORDER BY updated_at DESC, id DESC LIMIT $3`,
            [after.updatedAtMs, after.id, options.limit + 1, ...owner.params],
          );
        })()
      : await (() => {
          const owner = ownerCondition(options.scope, '$2');
          return this.rows(`SELECT * FROM conversations WHERE TRUE${owner.sql} ORDER BY updated_at DESC, id DESC LIMIT $1`, [
            options.limit + 1,
            ...owner.params,
          ]);
        })();
    return pageOf(rows, options.limit);
  }

  async renameConversation(id: string, title: string, scope?: Scope): Promise<Conversation | null> {
    const owner = ownerCondition(scope, '$3');
    const [row] = await this.rows(`UPDATE conversations SET title = $1 WHERE id = $2${owner.sql} RETURNING *`, [title, id, ...owner.params]);
    return row ? toConversation(row) : null;
  }

  async deleteConversation(id: string, scope?: Scope): Promise<boolean> {
    const owner = ownerCondition(scope, '$2');
    return ((await this.pool.query(`DELETE FROM conversations WHERE id = $1${owner.sql}`, [id, ...owner.params])).rowCount ?? 0) > 0;
  }

  async createAccessKey(input: NewAccessKey): Promise<AccessKeyRecord> {
    try {
      const [row] = await this.rows(
        `INSERT INTO access_keys (${ACCESS_KEY_COLUMNS.join(', ')}) VALUES ${placeholders(1, ACCESS_KEY_COLUMNS.length)} RETURNING *`,
        accessKeyValues(input, input.admin),
      );
      return toAccessKey(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateKeyNameError(input.name);
      throw error;
    }
  }

  async listAccessKeys(): Promise<AccessKeyRecord[]> {
    return (await this.rows('SELECT * FROM access_keys ORDER BY created_at, name')).map(toAccessKey);
  }

  async hasAccessKeys(): Promise<boolean> {
    return (await this.rows('SELECT 1 FROM access_keys LIMIT 1')).length > 0;
  }

  async findActiveKeyByHash(keyHash: string): Promise<AccessKeyRecord | null> {
    const [row] = await this.rows('SELECT * FROM access_keys WHERE key_hash = $1 AND revoked_at IS NULL', [keyHash]);
    return row ? toAccessKey(row) : null;
  }

  async revokeAccessKey(name: string, at: Date): Promise<AccessKeyRecord | null> {
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query('SELECT id FROM access_keys WHERE name = $1 FOR UPDATE', [name]);
      if (rows.length === 0) return null;
      const id = (rows[0] as Row).id;
      await client.query('UPDATE access_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at.getTime(), id]);
      await client.query('UPDATE sessions SET revoked_at = $1 WHERE key_id = $2 AND revoked_at IS NULL', [at.getTime(), id]);
      const updated = await client.query('SELECT * FROM access_keys WHERE id = $1', [id]);
      return toAccessKey(updated.rows[0] as Row);
    });
  }

  async createSession(input: { idHash: string; keyId: string; createdAt: Date; expiresAt: Date }): Promise<void> {
    await this.pool.query('INSERT INTO sessions (id_hash, key_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
      input.idHash,
      input.keyId,
      input.createdAt.getTime(),
      input.expiresAt.getTime(),
    ]);
  }

  async findActiveSession(idHash: string, now: Date): Promise<ActiveSession | null> {
    const [row] = await this.rows(
      `SELECT s.expires_at AS session_expires_at, k.* FROM sessions s JOIN access_keys k ON k.id = s.key_id
       WHERE s.id_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND k.revoked_at IS NULL`,
      [idHash, now.getTime()],
    );
    return row ? { idHash, expiresAt: new Date(Number(row.session_expires_at)).toISOString(), key: toAccessKey(row) } : null;
  }

  async revokeSession(idHash: string, at: Date): Promise<void> {
    await this.pool.query('UPDATE sessions SET revoked_at = $1 WHERE id_hash = $2 AND revoked_at IS NULL', [at.getTime(), idHash]);
  }

  async createRun(run: NewRun): Promise<void> {
    const at = run.startedAt.getTime();
    await inTransaction(this.pool, async (client) => {
      await client.query(
        "INSERT INTO runs (id, conversation_id, tier, question, status, started_at, instance_id, owner_key_id) VALUES ($1, $2, $3, $4, 'running', $5, $6, $7)",
        [run.id, run.conversationId, run.tier, run.question, at, run.instanceId ?? null, run.ownerKeyId ?? null],
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
          "UPDATE runs SET status = $1, totals = $2, final_text = $3, ended_at = $4 WHERE id = $5 AND status IN ('running', 'interrupted')",
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

  async renewLease(instanceId: string, now: Date, expiresAt: Date): Promise<boolean> {
    // xmax = 0 tells a fresh insert from an update; the previous expiry comes back through the CTE.
    const [row] = await this.rows(
      `WITH previous AS (SELECT lease_expires_at FROM instances WHERE id = $1)
       INSERT INTO instances (id, started_at, lease_expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET lease_expires_at = GREATEST(instances.lease_expires_at, EXCLUDED.lease_expires_at)
       RETURNING (SELECT lease_expires_at FROM previous) AS previous`,
      [instanceId, now.getTime(), expiresAt.getTime()],
    );
    return row.previous === null || row.previous === undefined || Number(row.previous) >= now.getTime();
  }

  async releaseLease(instanceId: string, at: Date): Promise<void> {
    await this.pool.query('UPDATE instances SET lease_expires_at = $2 WHERE id = $1', [instanceId, at.getTime() - 1]);
  }

  async interruptOrphanedRuns(now: Date, self: string): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      const ms = now.getTime();
      const { rows } = await client.query(
        `UPDATE runs SET status = 'interrupted', ended_at = $1 WHERE ${orphanedRunsWhere((name) => (name === 'now' ? '$1' : '$2'))} RETURNING id`,
        [ms, self],
      );
      const ids = rows.map((r: Row) => String(r.id));
      if (ids.length > 0) {
        await client.query(
          `UPDATE llm_requests SET status = 'failed', error_kind = 'interrupted', error_message = 'The server stopped during the call.'
           WHERE status IN ('pending', 'processing') AND run_id = ANY($1)`,
          [ids],
        );
      }
      await client.query('DELETE FROM instances WHERE lease_expires_at < $1', [ms - FORGET_LEASE_AFTER_MS]);
      return ids.length;
    });
  }

  async deleteLlmRequestsBefore(cutoff: Date): Promise<number> {
    return (await this.pool.query('DELETE FROM llm_requests WHERE created_at < $1', [cutoff.getTime()])).rowCount ?? 0;
  }

  async listPresets(ownerKeyId: string | null): Promise<StoredPreset[]> {
    const rows = await this.rows('SELECT * FROM council_presets WHERE owner_key_id = $1 ORDER BY name COLLATE "C"', [presetOwner(ownerKeyId)]);
    return rows.map(toStoredPreset);
  }

  async putPreset(ownerKeyId: string | null, preset: CouncilPresetBody, at: Date): Promise<StoredPreset> {
    await this.pool.query(
      'INSERT INTO council_presets (owner_key_id, name, preset, updated_at) VALUES ($1, $2, $3, $4) ' +
        'ON CONFLICT (owner_key_id, name) DO UPDATE SET preset = excluded.preset, updated_at = excluded.updated_at',
      [presetOwner(ownerKeyId), preset.name, JSON.stringify(preset), at.getTime()],
    );
    return { ...preset, updatedAt: at.toISOString() };
  }

  async deletePreset(ownerKeyId: string | null, name: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM council_presets WHERE owner_key_id = $1 AND name = $2', [presetOwner(ownerKeyId), name]);
    return (result.rowCount ?? 0) > 0;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
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
