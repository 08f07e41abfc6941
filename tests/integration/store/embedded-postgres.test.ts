/**
 * The local fallback when no PostgreSQL is here (tests/support/postgres/embedded-postgres-setup.ts): it must really
 * start, run the store's migrations and leave nothing behind, including on machines (like CI) that never need it.
 */
import { existsSync } from 'node:fs';
import pg from 'pg';
import { expect, it } from 'vitest';
import { openStore } from '@/lib/store/open-store';
import { startEmbeddedPostgres } from '../../support/postgres/embedded-postgres';

it('starts a PostgreSQL that the store migrates and uses, and removes it on stop', async () => {
  const embedded = await startEmbeddedPostgres();
  try {
    const store = await openStore({ databaseUrl: embedded.url });
    await store.close();
    const client = new pg.Client({ connectionString: embedded.url });
    await client.connect();
    try {
      const tables = await client.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'");
      expect(tables.rows[0].n).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  } finally {
    await embedded.stop();
  }
  expect(existsSync(embedded.dir)).toBe(false);
  const after = new pg.Client({ connectionString: embedded.url, connectionTimeoutMillis: 2000 });
  await expect(after.connect()).rejects.toThrow();
}, 120_000);
