/**
 * The store contract against a real PostgreSQL (TEST_DATABASE_URL, or the local quorum_test database that
 * scripts/ci-postgres.sh creates). Unreachable: a failure in CI, a skip with the reason printed elsewhere.
 */
import { describe, it } from 'vitest';
import pg from 'pg';
import { openStore } from '@/lib/store/open-store';
import { runStoreContract } from './store-contract';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/quorum_test';

async function reachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

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

const problem = await reachable();
const where = url.replace(/\/\/[^@]*@/, '//***@');

if (problem === null) {
  runStoreContract({
    name: 'PostgreSQL',
    open: async () => {
      await resetDatabase();
      return openStore({ databaseUrl: url });
    },
    reopen: () => openStore({ databaseUrl: url }),
  });
} else if (process.env.CI) {
  describe('store contract: PostgreSQL', () => {
    it('reaches the test database (required in CI: run scripts/ci-postgres.sh)', () => {
      throw new Error(`PostgreSQL at ${where} is unreachable: ${problem}`);
    });
  });
} else {
  console.warn(`Skipping the PostgreSQL store contract: ${where} is unreachable (${problem}). Run scripts/ci-postgres.sh.`);
  describe.skip('store contract: PostgreSQL (unreachable)', () => {
    it('needs a database', () => undefined);
  });
}
