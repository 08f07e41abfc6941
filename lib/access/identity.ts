/**
 * Who is calling (DESIGN.md §5). Decided once per request, in front of the routes (lib/server/request-identity.ts
 * once access keys exist); handlers and the council pipeline receive it and never parse cookies or headers.
 */

/** A key's own limits; each optional (the config file's `limits` fills what a key leaves out). */
export interface KeyLimits {
  /** Runs started per minute. */
  rpm?: number;
  /** Runs in flight at once. */
  concurrent?: number;
  /** Spend per UTC day, USD. */
  dailyUsd?: number;
  /** Spend per UTC month, USD. */
  monthlyUsd?: number;
}

export type Identity =
  /** Personal mode: no access key exists and the server listens on loopback only; everything is open. */
  | { kind: 'personal' }
  | {
      kind: 'key';
      keyId: string;
      name: string;
      /** Manages keys and may read every conversation (for support). */
      admin: boolean;
      limits: KeyLimits;
      /** The tiers this key may use; null means every tier. */
      tiers: string[] | null;
      /** How it was presented: a Bearer header, or the browser's session cookie (with the session's id). */
      via: 'bearer' | 'session';
      sessionId?: string;
    };

export const PERSONAL: Identity = { kind: 'personal' };

/** The owner recorded on what this identity creates: its key id, or null for personal-mode history. */
export function ownerKeyIdOf(identity: Identity): string | null {
  return identity.kind === 'key' ? identity.keyId : null;
}

/**
 * Which conversations and runs an identity may see. Ownership is a query condition in the store: `all` for
 * personal mode and admin keys, otherwise only rows whose owner is this key (personal-mode history, owned by
 * null, is then visible to admins only).
 */
export type OwnerScope = { kind: 'all' } | { kind: 'owner'; ownerKeyId: string };

export function ownerScopeOf(identity: Identity): OwnerScope {
  if (identity.kind === 'personal' || identity.admin) return { kind: 'all' };
  return { kind: 'owner', ownerKeyId: identity.keyId };
}
