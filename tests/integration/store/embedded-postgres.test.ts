/**
 * The local fallback when no PostgreSQL is here (tests/support/postgres/embedded-postgres-setup.ts): it must really
 * start, run the store's migrations and leave nothing behind, including on machines (like CI) that never need it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { expect, it } from 'vitest';
import { openStore } from '@/lib/store/open-store';
import { startEmbeddedPostgres } from '../../support/postgres/embedded-postgres';

/**
 * Why the embedded server cannot run here, or null. PostgreSQL refuses to run as root, so as root it runs as the
 * `postgres` user, which must be able to reach the binary: a checkout inside a private directory (mktemp -d)
 * hides it. That is a limit of the fallback, which such machines never need (they have a real PostgreSQL), not
 * a failure of the store.
 */
async function embeddedProblem(): Promise<string | null> {
  let initdb: string;
  try {
    ({ initdb } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string });
  } catch {
    return `no embedded PostgreSQL binary for ${process.platform}-${process.arch}`;
  }
  if (process.getuid?.() !== 0) return null;
  const reachable = spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', `test -x '${initdb.replace(/'/g, '')}'`], { stdio: 'ignore' });
  return reachable.status === 0 ? null : 'running as root, and the postgres user cannot reach the embedded binary in this checkout';
}
const problem = await embeddedProblem();

it('starts a PostgreSQL that the store migrates and uses, and removes it on stop', async (context) => {
  if (problem) return context.skip(`embedded PostgreSQL unavailable (${problem})`);
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
