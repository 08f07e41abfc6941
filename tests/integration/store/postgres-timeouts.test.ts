/**
 * PostgreSQL that cannot be reached, or that stops answering, fails fast instead of holding requests for minutes:
 * a connect timeout for a host that accepts and says nothing, a statement timeout for a statement that hangs.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openPostgresStore } from '@/lib/store/postgres-store';
import type { Store } from '@/lib/store/store';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/quorum_test';

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** A TCP server that accepts connections and never answers: a database host that is up but stuck. */
async function silentServer(): Promise<{ port: number; server: Server }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return { port: (server.address() as AddressInfo).port, server };
}

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const postgresUp = await reachable();

describe('PostgreSQL timeouts', () => {
  it('gives up on a host that accepts the connection but never answers, within the connect timeout', async () => {
    const { port } = await silentServer();
    const started = performance.now();
    await expect(openPostgresStore({ connectionString: `postgres://u:p@127.0.0.1:${port}/db`, connectTimeoutMs: 300 })).rejects.toThrow(
      /timeout/i,
    );
    // Without a connect timeout pg waits for the OS (minutes); a generous bound still proves the timeout fired.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('fails at once on a port where nothing listens', async () => {
    await expect(openPostgresStore({ connectionString: 'postgres://u:p@127.0.0.1:1/db', connectTimeoutMs: 300 })).rejects.toThrow();
  });

  it.runIf(postgresUp)('cancels a statement that hangs (a locked table) after the statement timeout', async () => {
    const store: Store = await openPostgresStore({ connectionString: url, statementTimeoutMs: 300 });
    cleanups.push(() => store.close());
    // Another session holds the table: every write to it waits, as on a database that is stuck.
    const locker = new pg.Client({ connectionString: url });
    await locker.connect();
    cleanups.push(() => locker.end());
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE conversations IN ACCESS EXCLUSIVE MODE');
    cleanups.push(() => locker.query('ROLLBACK'));

    const started = performance.now();
    await expect(store.createConversation({ id: 'stuck', title: 't', createdAt: new Date() })).rejects.toThrow(/statement timeout/i);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
