/**
 * Two `next start` instances on one PostgreSQL (DESIGN.md §5, §7): a key made with `npm run keys` works on
 * both, a conversation is private to its key on both, and revoking the key (and its session) stops it on
 * every instance within 5 s. Skipped when the test database is unreachable, a failure in CI.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey, keysCli, newDataDir, removeDataDir, startQuorum, type QuorumServer } from './access/quorum-server';

const baseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/quorum_test';
// A schema of its own, so that the store contract (which resets `public`) may run at the same time.
const SCHEMA = 'quorum_access_e2e';
const databaseUrl = `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${SCHEMA}`)}`;

async function resetDatabase(): Promise<string | null> {
  const client = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA}`);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const problem = await resetDatabase();
const env = { DATABASE_URL: databaseUrl };

if (problem !== null && !process.env.CI) {
  console.warn(`Skipping the two-instance access test: PostgreSQL unreachable (${problem}).`);
}

describe.skipIf(problem !== null && !process.env.CI)('access across two instances on PostgreSQL', () => {
  const servers: QuorumServer[] = [];
  const dataDir = newDataDir();
  let key = '';

  beforeAll(async () => {
    if (problem !== null) throw new Error(`PostgreSQL unreachable: ${problem}`);
    key = createKey(dataDir, 'shared-user', [], env);
    servers.push(...(await Promise.all([startQuorum({ dataDir, env }), startQuorum({ dataDir, env })])));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    removeDataDir(dataDir);
  });

  it('serves one key on both instances and stops it, with its session, on both within 5 s of revoking', async () => {
    const other = createKey(dataDir, 'other-user', [], env);
    const [a, b] = servers;
    const asked = await fetch(`${a.baseURL}/api/council`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'Stored in PostgreSQL?', tier: 'speed' }),
    });
    expect(asked.status).toBe(200);
    const id = asked.headers.get('x-conversation-id');
    await asked.text();
    await expect
      .poll(async () => (await fetch(`${b.baseURL}/api/conversations/${id}`, { headers: { authorization: `Bearer ${key}` } })).status, { timeout: 10_000 })
      .toBe(200);
    expect((await fetch(`${b.baseURL}/api/conversations/${id}`, { headers: { authorization: `Bearer ${other}` } })).status).toBe(404);

    const signIn = await fetch(`${b.baseURL}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: b.baseURL },
      body: JSON.stringify({ key }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    expect((await fetch(`${a.baseURL}/api/conversations`, { headers: { cookie } })).status).toBe(200);

    expect(keysCli(dataDir, ['revoke', 'shared-user'], env).status).toBe(0);
    const revokedAt = Date.now();
    await expect
      .poll(
        async () =>
          Promise.all([
            ...servers.map(async (s) => (await fetch(`${s.baseURL}/api/tiers`, { headers: { authorization: `Bearer ${key}` } })).status),
            ...servers.map(async (s) => (await fetch(`${s.baseURL}/api/conversations`, { headers: { cookie } })).status),
          ]),
        { timeout: 5_000, interval: 200 },
      )
      .toEqual([401, 401, 401, 401]);
    expect(Date.now() - revokedAt).toBeLessThan(5_000);
  });
});
