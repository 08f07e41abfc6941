/**
 * The store contract against a real PostgreSQL (tests/support/postgres/test-database.ts). Unreachable: a failure in CI, a
 * skip locally with the reason printed at the end of the run (tests/support/require-service.ts).
 */
import pg from 'pg';
import { openStore } from '@/lib/store/open-store';
import { requireService } from '../../support/require-service';
import { postgresProblem, testDatabaseUrl } from '../../support/postgres/test-database';
import { runStoreContract } from './store-contract';
import { runPostgresStatsBackfill } from './stats-backfill-postgres';

const url = testDatabaseUrl();

/** Every test starts from an empty database, so migrations run from scratch each time. */
async function resetDatabase(): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  } finally {
    await client.end();
  }
}

const hasPostgres = await requireService('PostgreSQL', () => postgresProblem(url), 'set TEST_DATABASE_URL or run scripts/ci-postgres.sh');

if (hasPostgres) {
  runStoreContract({
    name: 'PostgreSQL',
    open: async () => {
      await resetDatabase();
      return openStore({ databaseUrl: url });
    },
    reopen: () => openStore({ databaseUrl: url }),
  });
  runPostgresStatsBackfill(url);
}
