import 'server-only';
import type { Store } from '@/lib/store/store';
import { listensBeyondLoopback } from './bound-address';

/**
 * Personal or shared (DESIGN.md §5). Shared as soon as a key exists (revoked ones count: keys are never
 * deleted, so once true it stays true) or the server listens beyond loopback. "No key" is remembered for at
 * most KEY_CHECK_TTL_MS, so a key created with `npm run keys` — on any instance's store — locks the server
 * within that time.
 */
export type AccessMode = 'personal' | 'shared';

export const KEY_CHECK_TTL_MS = 2_000;

/** Per store, so that a process that opens another store (tests) never sees a stale answer. */
const MODE_KEY = Symbol.for('quorum.access.mode');
type Holder = { [MODE_KEY]?: WeakMap<Store, { keysExist: boolean; checkedAt: number }> };

export async function accessMode(store: Store, now = Date.now()): Promise<AccessMode> {
  if (listensBeyondLoopback() === true) return 'shared';
  const holder = globalThis as Holder;
  const checks = (holder[MODE_KEY] ??= new WeakMap());
  const cached = checks.get(store);
  if (cached?.keysExist) return 'shared';
  if (cached && now - cached.checkedAt < KEY_CHECK_TTL_MS) return 'personal';
  const keysExist = await store.hasAccessKeys();
  checks.set(store, { keysExist, checkedAt: now });
  if (keysExist) (globalThis as SeenHolder)[SEEN_KEY] = true;
  return keysExist ? 'shared' : 'personal';
}

const SEEN_KEY = Symbol.for('quorum.access.keysSeen');
type SeenHolder = { [SEEN_KEY]?: boolean };

/**
 * The mode when the store cannot be read. A council run goes on without storage (DESIGN.md §7), so a personal
 * server stays usable; but a server that listens beyond loopback, or that has ever seen a key, fails closed.
 */
export function accessModeWithoutStore(): AccessMode {
  if (listensBeyondLoopback() === true || (globalThis as SeenHolder)[SEEN_KEY]) return 'shared';
  return 'personal';
}
