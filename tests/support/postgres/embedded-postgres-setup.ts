/**
 * Global setup of the unit project: where no PostgreSQL is configured or listening locally, starts an embedded one
 * (./embedded-postgres.ts) for the run and points TEST_DATABASE_URL at it, so that the PostgreSQL tests run on
 * any machine without set-up. It steps aside when TEST_DATABASE_URL is set (an explicit choice is respected), when
 * the default database answers, and in CI (which must prove the real server that scripts/ci-postgres.sh sets
 * up). If it cannot start, the PostgreSQL tests skip with the reason (requireService).
 */
import { isCi } from '../require-service';
import { startEmbeddedPostgres } from './embedded-postgres';
import { DEFAULT_TEST_DATABASE_URL, postgresProblem, redactedUrl } from './test-database';

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (isCi() || process.env.TEST_DATABASE_URL) return undefined;
  if ((await postgresProblem(DEFAULT_TEST_DATABASE_URL)) === null) return undefined;

  const started = performance.now();
  try {
    const embedded = await startEmbeddedPostgres();
    process.env.TEST_DATABASE_URL = embedded.url;
    const where = redactedUrl(DEFAULT_TEST_DATABASE_URL);
    console.info(`[postgres] none at ${where}: using an embedded PostgreSQL (${Math.round(performance.now() - started)} ms)`);
    return embedded.stop;
  } catch (error) {
    console.warn(`[postgres] could not start an embedded PostgreSQL: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
