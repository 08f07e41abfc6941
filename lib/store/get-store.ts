import 'server-only';
import { parseEnv } from '@/lib/config/env';
import { loadConfig } from '@/lib/config/load-config';
import { getInstanceId } from '@/lib/server/instance-id';
import { openStore } from './open-store';
import { leaseTimingsOf } from './run-leases';
import type { Store } from './store';

/**
 * Kept on globalThis rather than in a module variable: route bundles and dev-mode reloads may each evaluate
 * this module, and there must be one database connection (one SQLite writer, one pool) per process.
 */
const STORE_KEY = Symbol.for('quorum.store');
type Holder = { [STORE_KEY]?: Promise<Store> };

/**
 * The process's store, opened on first use from QUORUM_DATA_DIR / DATABASE_URL, with the configured
 * llm_requests retention. A failed open is not cached, so the next request tries again. An invalid
 * configuration rejects here too (the council routes report it; storage cannot guess around it).
 */
export function getStore(): Promise<Store> {
  const holder = globalThis as Holder;
  if (!holder[STORE_KEY]) {
    const opening = (async () => {
      const env = parseEnv();
      return openStore({
        databaseUrl: env.DATABASE_URL,
        dataDir: env.QUORUM_DATA_DIR,
        retentionDays: loadConfig().retention.llmRequestsDays,
        instanceId: getInstanceId(),
        lease: leaseTimingsOf(env),
      });
    })();
    holder[STORE_KEY] = opening;
    opening.catch(() => {
      if (holder[STORE_KEY] === opening) delete holder[STORE_KEY];
    });
  }
  return holder[STORE_KEY];
}

