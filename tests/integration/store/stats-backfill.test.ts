/**
 * Upgrading a database recorded before the stats tables existed: opening it applies migration 9 and fills
 * the facts from the stored events, so /api/stats covers the old history too. SQLite here; PostgreSQL in
 * stats-backfill-postgres.ts, run from postgres-store.test.ts so that it never races that file for the database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, it } from 'vitest';
import { SQLITE_MIGRATIONS } from '@/lib/store/migrations';
import { openStore, SQLITE_FILENAME } from '@/lib/store/open-store';
import { expectBackfilled, STARTED, events } from './stats-backfill-fixture';

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

