import type { Store } from './store';

/** What GET /api/health says about storage (DESIGN.md §7). */
export interface StoreHealth {
  kind: 'sqlite' | 'postgres';
  ok: boolean;
}

/** A health check must answer even when the database does not: past this, the store counts as down. */
export const STORE_PING_TIMEOUT_MS = 2_000;

/**
 * Opens (or reuses) the store and asks it a trivial query, bounded in time. `kind` is what the environment
 * asks for, so that it is reported even when the store cannot be opened.
 */
export async function checkStoreHealth(
  openStore: () => Promise<Store>,
  kind: StoreHealth['kind'],
  timeoutMs = STORE_PING_TIMEOUT_MS,
): Promise<StoreHealth> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('store health check timed out')), timeoutMs);
  });
  try {
    await Promise.race([openStore().then((store) => store.ping()), timeout]);
    return { kind, ok: true };
  } catch {
    return { kind, ok: false };
  } finally {
    clearTimeout(timer);
  }
}
