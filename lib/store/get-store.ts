import 'server-only';
import { parseEnv } from '@/lib/config/env';
import { openStore } from './open-store';
import type { Store } from './store';

/**
 * Kept on globalThis rather than in a module variable: route bundles and dev-mode reloads may each evaluate
 * this module, and there must be one database connection (one SQLite writer, one pool) per process.
 */
const STORE_KEY = Symbol.for('quorum.store');
type Holder = { [STORE_KEY]?: Promise<Store> };

/**
 * The process's store, opened on first use from QUORUM_DATA_DIR / DATABASE_URL. A failed open is not cached,
 * so the next request tries again. `retentionDays` only counts on the first call (the one that opens).
 */
export function getStore(options: { retentionDays?: number } = {}): Promise<Store> {
  const holder = globalThis as Holder;
  if (!holder[STORE_KEY]) {
    const env = parseEnv();
    const opening = openStore({ databaseUrl: env.DATABASE_URL, dataDir: env.QUORUM_DATA_DIR, retentionDays: options.retentionDays });
    holder[STORE_KEY] = opening;
    opening.catch(() => {
      if (holder[STORE_KEY] === opening) delete holder[STORE_KEY];
    });
  }
  return holder[STORE_KEY];
}
