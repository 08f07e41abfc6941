/**
 * The PostgreSQL that tests use: TEST_DATABASE_URL, else the local quorum_test database that
 * scripts/ci-postgres.sh creates. `postgresProblem` is the probe for `requireService`.
 */
import pg from 'pg';

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres:postgres@127.0.0.1:5432/quorum_test';

export function testDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
}

/** The URL with its password hidden, for messages. */
export function redactedUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

/** Null when `SELECT 1` works at `url` within a few seconds; else why not (the URL itself redacted). */
export async function postgresProblem(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return `${redactedUrl(url)}: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}
