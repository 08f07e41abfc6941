/**
 * Access over real HTTP against `next start` in shared mode (DESIGN.md §5): every route without credentials,
 * another key on every conversation route, cross-site and wrong-content-type cookie requests, a bad Host,
 * revocation of a key and its session, and keys absent from logs, events and exports.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey, keysCli, newDataDir, removeDataDir, startQuorum, type QuorumServer } from './access/quorum-server';

let server: QuorumServer;
let alice: string;
let bob: string;
let admin: string;
const keys: string[] = [];
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  const dataDir = newDataDir();
  alice = createKey(dataDir, 'alice', ['--tiers', 'speed,balanced']);
  bob = createKey(dataDir, 'bob');
  admin = createKey(dataDir, 'root', ['--admin']);
  keys.push(alice, bob, admin);
  server = await startQuorum({ dataDir });
});
afterAll(async () => {
  await server?.stop();
  if (server) removeDataDir(server.dataDir);
});

const url = (path: string) => `${server.baseURL}${path}`;
const bearer = (key: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${key}`, ...extra });
const json = { 'content-type': 'application/json' };

/** Asks the council with a key and drains the stream; returns the conversation id and the streamed text. */
async function askAs(key: string, body: object): Promise<{ status: number; conversationId: string | null; text: string }> {
  const response = await fetch(url('/api/council'), { method: 'POST', headers: bearer(key, json), body: JSON.stringify(body) });
  return { status: response.status, conversationId: response.headers.get('x-conversation-id'), text: await response.text() };
}

/** A GET with a Host header of our choosing (fetch does not let a caller set Host). */
function getWithHost(path: string, host: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url(path), { headers: { ...headers, host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.setTimeout(30_000, () => request.destroy(new Error('timed out')));
  });
}

async function signIn(key: string): Promise<string> {
  const response = await fetch(url('/api/session'), {
    method: 'POST',
    headers: { ...json, origin: server.baseURL },
    body: JSON.stringify({ key }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Lax/i);
  expect(cookie).not.toContain(key);
  return cookie.split(';')[0];
}

describe('shared mode over HTTP', () => {
  it('answers 401 JSON on every API route without credentials, and only health, sign-in and assets are open', async () => {
    const id = UNKNOWN;
    const requests: [string, RequestInit][] = [
      ['/api/conversations', {}],
      [`/api/conversations/${id}`, {}],
      [`/api/conversations/${id}`, { method: 'PATCH', headers: json, body: '{"title":"x"}' }],
      [`/api/conversations/${id}`, { method: 'DELETE' }],
      [`/api/conversations/${id}/export`, {}],
      ['/api/council', { method: 'POST', headers: json, body: '{"question":"hi"}' }],
      ['/api/tiers', {}],
    ];
    for (const [path, init] of requests) {
      const response = await fetch(url(path), init);
      expect(response.status, `${init.method ?? 'GET'} ${path}`).toBe(401);
      expect((await response.json()).code).toBe('unauthorized');
    }
    // A key that is not a key, and a made-up one of the right shape.
    expect((await fetch(url('/api/tiers'), { headers: { authorization: 'Bearer sk-nope' } })).status).toBe(401);
    expect((await fetch(url('/api/tiers'), { headers: bearer(`qk_${'A'.repeat(43)}`) })).status).toBe(401);
    expect((await fetch(url('/api/health'))).status).toBe(200);
    // The gate stands in front of the routes: even a path no handler serves asks for a key first.
    expect((await fetch(url('/api/not-a-route'))).status).toBe(401);
    const unknownPage = await fetch(url('/stats'), { redirect: 'manual' });
    expect(unknownPage.status).toBe(307);
    expect(unknownPage.headers.get('location')).toMatch(/\/sign-in$/);
    const page = await fetch(url('/'), { redirect: 'manual' });
    expect(page.status).toBe(307);
    expect(page.headers.get('location')).toMatch(/\/sign-in$/);
    const signIn = await fetch(url('/sign-in'));
    expect(signIn.status).toBe(200);
    expect(await fetch(url('/api/session')).then((r) => r.json())).toEqual({ mode: 'shared', signedIn: false });
  });

  it('serves pages with a per-request CSP nonce on every script, no framing and nosniff', async () => {
    const [first, second] = await Promise.all([fetch(url('/sign-in')), fetch(url('/sign-in'))]);
    const csp = first.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline\' \'strict');
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect(first.headers.get('referrer-policy')).toBeTruthy();
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(second.headers.get('content-security-policy')).not.toContain(nonce!);
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it('gives another key 404 on every conversation route and when continuing it; the owner and an admin see it', async () => {
    const asked = await askAs(alice, { question: 'Who owns this conversation?', tier: 'speed' });
    expect(asked.status).toBe(200);
    const id = asked.conversationId!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const path = `/api/conversations/${id}`;
    for (const [p, init] of [
      [path, {}],
      [path, { method: 'PATCH', headers: json, body: '{"title":"taken"}' }],
      [path, { method: 'DELETE' }],
      [`${path}/export?format=json`, {}],
    ] as [string, RequestInit][]) {
      const response = await fetch(url(p), { ...init, headers: bearer(bob, (init.headers as Record<string, string>) ?? {}) });
      expect(response.status, `${init.method ?? 'GET'} ${p}`).toBe(404);
    }
    const bobsList = await (await fetch(url('/api/conversations'), { headers: bearer(bob) })).json();
    expect(bobsList.items.map((c: { id: string }) => c.id)).not.toContain(id);
    const continued = await askAs(bob, { question: 'Let me in', conversationId: id });
    expect(continued.status).toBe(404);
    expect(JSON.parse(continued.text).code).toBe('not_found');

    // Nothing of bob's attempts stuck: the title is alice's, and her conversation has one run.
    const own = await (await fetch(url(path), { headers: bearer(alice) })).json();
    expect(own.title).not.toBe('taken');
    expect(own.runs).toHaveLength(1);
    expect((await fetch(url(path), { headers: bearer(admin) })).status).toBe(200);
    const alicesList = await (await fetch(url('/api/conversations'), { headers: bearer(alice) })).json();
    expect(alicesList.items.map((c: { id: string }) => c.id)).toEqual([id]);
  });

  it('answers 400 for a malformed id and 404 for an unknown one, and a fresh UUID starts a conversation of the caller', async () => {
    for (const bad of ['nope', '..%2F..%2Fetc%2Fpasswd', '1234']) {
      expect((await fetch(url(`/api/conversations/${bad}`), { headers: bearer(bob) })).status).toBe(400);
      expect((await fetch(url(`/api/conversations/${bad}/export`), { headers: bearer(bob) })).status).toBe(400);
    }
    expect((await fetch(url(`/api/conversations/${UNKNOWN}`), { headers: bearer(bob) })).status).toBe(404);
    expect((await askAs(bob, { question: 'Hi', conversationId: '../../etc/passwd' })).status).toBe(400);
    expect((await askAs(bob, { question: 'Hi', conversationId: 'a\nb' })).status).toBe(400);
    const fresh = crypto.randomUUID();
    const asked = await askAs(bob, { question: 'A fresh one', conversationId: fresh, tier: 'speed' });
    expect(asked.status).toBe(200);
    expect(asked.conversationId).toBe(fresh);
    expect((await fetch(url(`/api/conversations/${fresh}`), { headers: bearer(bob) })).status).toBe(200);
    expect((await fetch(url(`/api/conversations/${fresh}`), { headers: bearer(alice) })).status).toBe(404);
  });

  it('refuses a tier the key may not use with 403', async () => {
    const refused = await askAs(alice, { question: 'Hi', tier: 'cost' });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text).code).toBe('tier_forbidden');
  });

  it('refuses cookie requests that are cross-site, show no origin, or are not JSON; same-origin JSON passes', async () => {
    const cookie = await signIn(bob);
    const post = (headers: Record<string, string>, body = '{"question":"forged?"}') =>
      fetch(url('/api/council'), { method: 'POST', headers: { cookie, ...headers }, body });
    expect((await post({ ...json, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post({ ...json, origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(json)).status).toBe(403);
    expect((await post({ 'content-type': 'text/plain', 'sec-fetch-site': 'same-origin' })).status).toBe(403);
    expect((await post({ 'content-type': 'text/plain', origin: 'https://evil.example' })).status).toBe(403);
    const fresh = crypto.randomUUID();
    const ok = await post({ ...json, 'sec-fetch-site': 'same-origin' }, JSON.stringify({ question: 'Same origin', tier: 'speed', conversationId: fresh }));
    expect(ok.status).toBe(200);
    await ok.text();
    const renamed = await fetch(url(`/api/conversations/${fresh}`), {
      method: 'PATCH',
      headers: { cookie, ...json, origin: server.baseURL },
      body: '{"title":"Renamed by cookie"}',
    });
    expect(renamed.status).toBe(200);
    const who = await (await fetch(url('/api/session'), { headers: { cookie } })).json();
    expect(who).toEqual({ mode: 'shared', signedIn: true, name: 'bob', admin: false, via: 'session' });
  });

  it('answers 421 to a Host it does not serve, except the health probe', async () => {
    for (const path of ['/api/tiers', '/sign-in', '/api/conversations']) {
      expect(await getWithHost(path, 'evil.example', bearer(bob)), path).toBe(421);
      expect(await getWithHost(path, 'localhost.evil.example:80', bearer(bob)), path).toBe(421);
    }
    expect(await getWithHost('/api/health', 'evil.example')).toBe(200);
    expect(await getWithHost('/api/tiers', 'localhost:1', bearer(bob))).toBe(200);
    expect(await getWithHost('/api/tiers', '10.0.0.7:3000', bearer(bob))).toBe(200);
  });

  it('stops a revoked key and its sessions within 5 s', async () => {
    const carol = createKey(server.dataDir, 'carol');
    keys.push(carol);
    // A new key works as soon as the lookup memo of made-up keys lapses.
    await expect.poll(async () => (await fetch(url('/api/tiers'), { headers: bearer(carol) })).status, { timeout: 10_000 }).toBe(200);
    const cookie = await signIn(carol);
    expect((await fetch(url('/api/conversations'), { headers: { cookie } })).status).toBe(200);

    const revoked = keysCli(server.dataDir, ['revoke', 'carol']);
    expect(revoked.status).toBe(0);
    const revokedAt = Date.now();
    await expect
      .poll(
        async () => {
          const [byKey, bySession] = await Promise.all([
            fetch(url('/api/tiers'), { headers: bearer(carol) }),
            fetch(url('/api/conversations'), { headers: { cookie } }),
          ]);
          return [byKey.status, bySession.status];
        },
        { timeout: 5_000, interval: 200 },
      )
      .toEqual([401, 401]);
    expect(Date.now() - revokedAt).toBeLessThan(5_000);
    // Signing in again with the revoked key is refused too.
    const again = await fetch(url('/api/session'), { method: 'POST', headers: { ...json, origin: server.baseURL }, body: JSON.stringify({ key: carol }) });
    expect(again.status).toBe(401);
  });

  it('signs out: the session stops working at once and the cookie is cleared', async () => {
    const cookie = await signIn(alice);
    const out = await fetch(url('/api/session'), { method: 'DELETE', headers: { cookie, origin: server.baseURL } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await fetch(url('/api/conversations'), { headers: { cookie } })).status).toBe(401);
  });

  it('never writes a key into the logs, the events or the exports', async () => {
    const asked = await askAs(admin, { question: `My key is not in here ${Date.now()}`, tier: 'speed' });
    const exports = await Promise.all(
      ['md', 'json'].map(async (format) => (await fetch(url(`/api/conversations/${asked.conversationId}/export?format=${format}`), { headers: bearer(admin) })).text()),
    );
    const list = await (await fetch(url('/api/conversations'), { headers: bearer(admin) })).text();
    for (const key of keys) {
      const secret = key.slice(3);
      expect(asked.text).not.toContain(secret);
      for (const text of exports) expect(text).not.toContain(secret);
      expect(list).not.toContain(secret);
      expect(server.output()).not.toContain(secret);
    }
  });
});
