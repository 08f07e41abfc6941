import { ownerScopeOf, type Identity } from '@/lib/access/identity';
import type { StoredRun } from '@/lib/store/store';

/**
 * Whether `identity` may follow or cancel a run owned by `ownerKeyId` (DESIGN.md §5): in personal mode and for
 * admin keys every run, otherwise only the key's own. Others get 404, exactly as for a run that does not exist.
 */
export function mayAccessRun(identity: Identity, ownerKeyId: string | null): boolean {
  const scope = ownerScopeOf(identity);
  return scope.kind === 'all' || scope.ownerKeyId === ownerKeyId;
}

/**
 * The key recorded as a stored run's owner. Runs carry `ownerKeyId` once the store records owners (access keys,
 * issue 9); until then every stored run is personal-mode history, owned by null.
 */
export function storedRunOwner(run: StoredRun): string | null {
  return (run as StoredRun & { ownerKeyId?: string | null }).ownerKeyId ?? null;
}
