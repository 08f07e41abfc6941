/** The PostgreSQL half of stats-backfill.test.ts: an old database (migration 1 only) gets its stats facts on open. */
import pg from 'pg';
import { describe, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '@/lib/store/migrations';
import { openStore } from '@/lib/store/open-store';
import { events, expectBackfilled, STARTED } from './stats-backfill-fixture';

export function runPostgresStatsBackfill(url: string): void {
  describe('stats facts for history recorded before migration 9 (PostgreSQL)', () => {
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
}
