/**
 * Opens the configured store: PostgreSQL when a database URL is given, otherwise SQLite in the data
 * directory. Opening migrates, takes this instance's lease (DESIGN.md §7: from then on it is renewed, and runs
 * of instances whose lease lapsed are marked 'interrupted' — never a live instance's), and applies the
 * llm_requests retention now and then once a day. Runs created through the store belong to this instance.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openPostgresStore } from './postgres-store';
import { openSqliteStore } from './sqlite-store';
import { randomUUID } from 'node:crypto';
import { LeaseKeeper, type LeaseTimings } from './run-leases';
import type { Store } from './store';

export const DEFAULT_RETENTION_DAYS = 90;
export const SQLITE_FILENAME = 'quorum.sqlite';
const DAY_MS = 24 * 60 * 60 * 1000;

export interface OpenStoreOptions {
  /** A postgres:// URL; when set, SQLite is not used. */
  databaseUrl?: string;
  /** Directory of the SQLite file (created if missing); default ./data. */
  dataDir?: string;
  /** llm_requests older than this are deleted; default 90. */
  retentionDays?: number;
  /** How often the retention runs after start-up; default once a day. */
  retentionIntervalMs?: number;
  now?: () => Date;
  /** The instance that owns the runs created through this store; a fresh id when left out. */
  instanceId?: string;
  /** Lease length and renewal interval; DEFAULT_LEASE_TIMINGS when left out. */
  lease?: LeaseTimings;
  /**
   * Default true. False for tools that open the server's store beside a running server (`npm run keys`): they
   * must not mark that server's live runs interrupted, nor start a retention timer.
   */
  maintenance?: boolean;
}

export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const store = options.databaseUrl
    ? await openPostgresStore({ connectionString: options.databaseUrl })
    : openSqlite(options.dataDir ?? './data');
  if (options.maintenance === false) return store;
  const now = options.now ?? (() => new Date());
  const retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
  const instanceId = options.instanceId ?? `store-${randomUUID()}`;
  const leases = new LeaseKeeper(store, { instanceId, timings: options.lease, now });
  try {
    await leases.start();
    await applyRetention(store, retentionDays, now());
  } catch (error) {
    await leases.release().catch(() => undefined);
    await store.close();
    throw error;
  }
  const timer = setInterval(() => {
    applyRetention(store, retentionDays, now()).catch((error: unknown) =>
      console.error('Store: retention clean-up failed:', error instanceof Error ? error.message : error),
    );
  }, options.retentionIntervalMs ?? DAY_MS);
  // The daily clean-up must never keep a process alive on its own.
  timer.unref();
  const createRun = store.createRun.bind(store);
  store.createRun = (run) => createRun({ ...run, instanceId: run.instanceId === undefined ? instanceId : run.instanceId });
  const close = store.close.bind(store);
  store.close = async () => {
    clearInterval(timer);
    await leases.release().catch((error: unknown) =>
      console.error('Store: releasing the instance lease failed:', error instanceof Error ? error.message : error),
    );
    await close();
  };
  return store;
}

function openSqlite(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true });
  return openSqliteStore({ filename: path.join(dataDir, SQLITE_FILENAME) });
}

/** Deletes llm_requests older than `days` before `now`; returns how many. */
export async function applyRetention(store: Store, days: number, now: Date): Promise<number> {
  return store.deleteLlmRequestsBefore(new Date(now.getTime() - days * DAY_MS));
}
