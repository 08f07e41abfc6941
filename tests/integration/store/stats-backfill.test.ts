/**
 * Upgrading a database recorded before the stats tables existed: opening it applies migration 9 and fills
 * the facts from the stored events, so /api/stats covers the old history too (SQLite and PostgreSQL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from '@/lib/store/migrations';
import { openStore, SQLITE_FILENAME } from '@/lib/store/open-store';
import type { Store } from '@/lib/store/store';
import { requireService } from '../../support/require-service';
import { postgresProblem, testDatabaseUrl } from '../../support/postgres/test-database';
import { stamp } from './run-events-fixture';
import { statsRunBodies } from './stats-contract';

const STARTED = Date.parse('2026-02-01T00:00:00Z');
const events = stamp('old-run', statsRunBodies());
const ALL = { kind: 'all' } as const;

/** What every store must read back after the upgrade. */
async function expectBackfilled(store: Store): Promise<void> {
  const facts = await store.readStatsFacts({ since: new Date(STARTED - 1), scope: ALL });
  expect(facts.members.map((f) => `${f.model}:${f.outcome}`).sort()).toEqual(['m-a:completed', 'm-b:completed', 'm-c:failed']);
  expect(facts.judgements).toHaveLength(2);
  // The late aggregate replaced the first one.
  expect(facts.placements.map((p) => [p.model, p.votes]).sort()).toEqual([['m-a', 2], ['m-b', 2]]);
}

const root = mkdtempSync(path.join(tmpdir(), 'quorum-stats-backfill-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('stats facts for history recorded before migration 9', () => {
  it('SQLite: opening the old database fills them from the stored events', async () => {
    const db = new Database(path.join(root, SQLITE_FILENAME));
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    db.exec(SQLITE_MIGRATIONS[0].sql);
    db.prepare('INSERT INTO schema_migrations VALUES (1, ?, 0)').run(SQLITE_MIGRATIONS[0].name);
    db.prepare('INSERT INTO conversations VALUES (?, ?, ?, ?)').run('c', 'old', STARTED, STARTED);
    db.prepare("INSERT INTO runs (id, conversation_id, tier, question, status, started_at) VALUES ('old-run', 'c', 't', 'q', 'completed', ?)").run(STARTED);
    const insert = db.prepare('INSERT INTO run_events VALUES (?, ?, ?, ?)');
    for (const e of events) insert.run(e.runId, e.seq, e.type, JSON.stringify(e));
    db.close();

    const store = await openStore({ dataDir: root });
    try {
      await expectBackfilled(store);
    } finally {
      await store.close();
    }
  });
});

const url = testDatabaseUrl();
const hasPostgres = await requireService('PostgreSQL', () => postgresProblem(url), 'set TEST_DATABASE_URL or run scripts/ci-postgres.sh');

describe.runIf(hasPostgres)('stats facts for history recorded before migration 9 (PostgreSQL)', () => {
  it('PostgreSQL: opening the old database fills them from the stored events', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
      await client.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
      await client.query(POSTGRES_MIGRATIONS[0].sql);
      await client.query('INSERT INTO schema_migrations VALUES (1, $1, 0)', [POSTGRES_MIGRATIONS[0].name]);
      await client.query('INSERT INTO conversations VALUES ($1, $2, $3, $3)', ['c', 'old', STARTED]);
      await client.query("INSERT INTO runs (id, conversation_id, tier, question, status, started_at) VALUES ('old-run', 'c', 't', 'q', 'completed', $1)", [STARTED]);
      for (const e of events) await client.query('INSERT INTO run_events VALUES ($1, $2, $3, $4)', [e.runId, e.seq, e.type, JSON.stringify(e)]);
    } finally {
      await client.end();
    }
    const store = await openStore({ databaseUrl: url });
    try {
      await expectBackfilled(store);
    } finally {
      await store.close();
    }
  });
});
