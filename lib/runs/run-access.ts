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
 * Whether `identity` may cancel a run owned by `ownerKeyId`: only its owner (everyone in personal mode). Admin
 * keys may read every run for support, but stopping someone's run is not reading it.
 */
export function mayCancelRun(identity: Identity, ownerKeyId: string | null): boolean {
  return identity.kind === 'personal' || identity.keyId === ownerKeyId;
}

/** The key recorded as a stored run's owner; null for personal-mode history. */
export function storedRunOwner(run: StoredRun): string | null {
  return run.ownerKeyId;
}
