/**
 * The one request → Identity helper on a real SQLite store, with the clock in hand: personal until a key
 * exists, then Bearer or session; what it remembers never outlives 5 s (revocation on every instance).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { generateAccessKey, generateSessionId, hashSecret } from '@/lib/access/access-key';
import { openStore } from '@/lib/store/open-store';
import type { Store } from '@/lib/store/store';

vi.mock('server-only', () => ({}));

const { identifyWith } = await import('@/lib/access/request-identity');
const { accessModeWithoutStore } = await import('@/lib/access/access-mode');

let dir: string;
let store: Store;
const T0 = Date.parse('2026-03-01T00:00:00Z');
const at = (ms: number) => new Date(T0 + ms);

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'quorum-identity-'));
  store = await openStore({ dataDir: dir });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function addKey(name: string, key: string, admin = false) {
  return store.createAccessKey({ id: `id-${name}`, name, keyHash: hashSecret(key), admin, limits: { rpm: 3 }, tiers: ['speed'], createdAt: at(0) });
}

const headers = (values: Record<string, string>) => new Headers(values);

describe('identifying a request', () => {
  it('is personal while no key exists, ignoring any Authorization header, and shared within 5 s of the first key', async () => {
    const key = generateAccessKey();
    expect(await identifyWith(store, headers({ authorization: 'Bearer sk\x2dsdk-default' }), at(0))).toEqual({ ok: true, identity: { kind: 'personal' } });
    await addKey('first', key);
    const later = await identifyWith(store, headers({}), at(4_999));
    expect(later.ok).toBe(false);
    const withKey = await identifyWith(store, headers({ authorization: `Bearer ${key}` }), at(5_000));
    expect(withKey).toEqual({
      ok: true,
      identity: { kind: 'key', keyId: 'id-first', name: 'first', admin: false, limits: { rpm: 3 }, tiers: ['speed'], via: 'bearer', sessionId: undefined },
    });
    // Once a key was seen, a store that cannot be read fails closed.
    expect(accessModeWithoutStore()).toBe('shared');
  });

  it('lets a session cookie in until its key is revoked, forgetting within 5 s', async () => {
    const key = generateAccessKey();
    await addKey('s', key);
    const sessionId = generateSessionId();
    await store.createSession({ idHash: hashSecret(sessionId), keyId: 'id-s', createdAt: at(0), expiresAt: at(60_000) });
    const cookie = headers({ cookie: `other=1; quorum_session=${sessionId}` });
    const signedIn = await identifyWith(store, cookie, at(0));
    expect(signedIn.ok && signedIn.identity.kind === 'key' && signedIn.identity.via).toBe('session');
    expect(JSON.stringify(signedIn)).not.toContain(sessionId);

    await store.revokeAccessKey('s', at(1));
    expect((await identifyWith(store, cookie, at(5_001))).ok).toBe(false);
    expect((await identifyWith(store, headers({ authorization: `Bearer ${key}` }), at(5_001))).ok).toBe(false);
  });

  it('does not let a cookie rescue a bad Authorization header, and refuses malformed cookies without a lookup', async () => {
    const key = generateAccessKey();
    await addKey('k', key);
    const sessionId = generateSessionId();
    await store.createSession({ idHash: hashSecret(sessionId), keyId: 'id-k', createdAt: at(0), expiresAt: at(60_000) });
    expect((await identifyWith(store, headers({ authorization: 'Bearer nope', cookie: `quorum_session=${sessionId}` }), at(0))).ok).toBe(false);
    expect((await identifyWith(store, headers({ cookie: 'quorum_session=../../x' }), at(0))).ok).toBe(false);
    expect((await identifyWith(store, headers({ cookie: `quorum_session=${sessionId}` }), at(60_001))).ok).toBe(false);
  });
});
