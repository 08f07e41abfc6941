import 'server-only';
import { z } from 'zod';
import { jsonResponse, readJsonBody } from '@/lib/http/json-response';
import type { Store } from '@/lib/store/store';
import { generateSessionId, hashSecret, looksLikeAccessKey } from './access-key';
import { accessMode } from './access-mode';
import { forgetSession, identifyWith } from './request-identity';
import { clearedSessionCookie, isHttps, SESSION_TTL_MS, sessionCookie } from './session-cookie';

/**
 * `/api/session` (DESIGN.md §5): POST `{ key }` signs in (the key is checked once and never kept; the cookie
 * holds a random session id), GET says who is signed in (name and admin, never a key), DELETE signs out.
 */

const signInBody = z.object({ key: z.string().max(200) });

function secure(request: Request): boolean {
  return isHttps(request.url, request.headers.get('x-forwarded-proto'));
}

export async function signInResponse(store: Store, request: Request, now = new Date()): Promise<Response> {
  const parsed = await readJsonBody(request, signInBody);
  if (!parsed.ok) return parsed.response;
  const key = parsed.data.key.trim();
  const record = looksLikeAccessKey(key) ? await store.findActiveKeyByHash(hashSecret(key)) : null;
  if (!record) return jsonResponse({ error: 'This key is not valid, or it has been revoked.', code: 'invalid_key' }, 401);
  const sessionId = generateSessionId();
  await store.createSession({
    idHash: hashSecret(sessionId),
    keyId: record.id,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
  });
  return jsonResponse({ signedIn: true, name: record.name, admin: record.admin }, 200, {
    'set-cookie': sessionCookie(sessionId, { secure: secure(request), maxAgeSeconds: Math.floor(SESSION_TTL_MS / 1000) }),
  });
}

export async function whoAmIResponse(store: Store, request: Request): Promise<Response> {
  const mode = await accessMode(store);
  if (mode === 'personal') return jsonResponse({ mode, signedIn: false });
  const result = await identifyWith(store, request.headers);
  if (!result.ok || result.identity.kind !== 'key') return jsonResponse({ mode, signedIn: false });
  const { name, admin, via } = result.identity;
  return jsonResponse({ mode, signedIn: true, name, admin, via });
}

export async function signOutResponse(store: Store, request: Request, now = new Date()): Promise<Response> {
  const result = await identifyWith(store, request.headers);
  if (result.ok && result.identity.kind === 'key' && result.identity.via === 'session' && result.identity.sessionId) {
    await store.revokeSession(result.identity.sessionId, now);
    forgetSession(store, result.identity.sessionId);
  }
  return new Response(null, {
    status: 204,
    headers: { 'set-cookie': clearedSessionCookie({ secure: secure(request) }), 'cache-control': 'no-store' },
  });
}
