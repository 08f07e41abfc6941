import 'server-only';
import { getStore } from '@/lib/store/get-store';
import type { AccessKeyRecord, ActiveSession, Store } from '@/lib/store/store';
import { jsonResponse } from '@/lib/http/json-response';
import { hashSecret, looksLikeSessionId, parseBearerKey } from './access-key';
import { accessMode, accessModeWithoutStore } from './access-mode';
import { PERSONAL, type Identity } from './identity';
import { LookupCache } from './lookup-cache';
import { readCookie, SESSION_COOKIE } from './session-cookie';

/**
 * The one place a request becomes an Identity (DESIGN.md §5): in personal mode everyone is PERSONAL (an
 * Authorization header is ignored, so SDKs that always send some key just work); in shared mode a Bearer key
 * or the session cookie, looked up in the store. Route handlers and pages call this and never read cookies or
 * headers themselves.
 */
export type IdentityResult =
  | { ok: true; identity: Identity }
  | { ok: false; status: 401 | 503; code: 'unauthorized' | 'store_unavailable'; message: string };

const CACHES = Symbol.for('quorum.access.lookups');
type Caches = { keys: LookupCache<AccessKeyRecord | null>; sessions: LookupCache<ActiveSession | null> };
type Holder = { [CACHES]?: WeakMap<Store, Caches> };

function cachesFor(store: Store): Caches {
  const holder = globalThis as Holder;
  const all = (holder[CACHES] ??= new WeakMap());
  let caches = all.get(store);
  if (!caches) {
    caches = { keys: new LookupCache(), sessions: new LookupCache() };
    all.set(store, caches);
  }
  return caches;
}

/** Forgets a session at once in this process (sign-out), rather than when its cache entry lapses. */
export function forgetSession(store: Store, sessionIdHash: string): void {
  cachesFor(store).sessions.delete(sessionIdHash);
}

function keyIdentity(key: AccessKeyRecord, via: 'bearer' | 'session', sessionId?: string): Identity {
  return { kind: 'key', keyId: key.id, name: key.name, admin: key.admin, limits: key.limits, tiers: key.tiers, via, sessionId };
}

const UNAUTHORIZED = {
  ok: false,
  status: 401,
  code: 'unauthorized',
  message: 'This Quorum server is shared: sign in, or send an access key as "Authorization: Bearer <key>".',
} as const;

/** `sessionId` on the identity is the session's stored id (its hash), never the cookie's value. */
export async function identifyWith(store: Store, headers: Pick<Headers, 'get'>, now = new Date()): Promise<IdentityResult> {
  if ((await accessMode(store, now.getTime())) === 'personal') return { ok: true, identity: PERSONAL };
  const caches = cachesFor(store);
  const authorization = headers.get('authorization');
  if (authorization !== null) {
    // A presented header decides alone: a bad key is not rescued by a cookie sent alongside it.
    const key = parseBearerKey(authorization);
    if (!key) return UNAUTHORIZED;
    const hash = hashSecret(key);
    const record = await caches.keys.get(hash, () => store.findActiveKeyByHash(hash), now.getTime());
    return record ? { ok: true, identity: keyIdentity(record, 'bearer') } : UNAUTHORIZED;
  }
  const sessionId = readCookie(headers.get('cookie'), SESSION_COOKIE);
  if (!sessionId || !looksLikeSessionId(sessionId)) return UNAUTHORIZED;
  const hash = hashSecret(sessionId);
  const session = await caches.sessions.get(hash, () => store.findActiveSession(hash, now), now.getTime());
  if (!session || Date.parse(session.expiresAt) <= now.getTime()) return UNAUTHORIZED;
  return { ok: true, identity: keyIdentity(session.key, 'session', hash) };
}

const STORE_UNAVAILABLE = {
  ok: false,
  status: 503,
  code: 'store_unavailable',
  message: 'Storage is unavailable, so access cannot be checked right now.',
} as const;

/**
 * identifyWith on the process's store. When the store cannot be read, a personal server goes on (its runs go
 * unrecorded) and a shared one answers 503: no one is let in blind.
 */
export async function identifyRequest(request: { headers: Pick<Headers, 'get'> }): Promise<IdentityResult> {
  try {
    return await identifyWith(await getStore(), request.headers);
  } catch (error) {
    if (accessModeWithoutStore() === 'personal') return { ok: true, identity: PERSONAL };
    console.error('Store unavailable; cannot check access:', error instanceof Error ? error.message : error);
    return STORE_UNAVAILABLE;
  }
}

/** Runs a route handler with the caller's identity, or answers `{ error, code }` 401/503 JSON. */
export async function withIdentity(request: Request, handle: (identity: Identity) => Promise<Response>): Promise<Response> {
  const result = await identifyRequest(request);
  if (!result.ok) {
    const headers: Record<string, string> = result.status === 401 ? { 'www-authenticate': 'Bearer realm="quorum"' } : { 'retry-after': '5' };
    return jsonResponse({ error: result.message, code: result.code }, result.status, headers);
  }
  return handle(result.identity);
}
