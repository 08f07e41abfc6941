import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Identity } from '@/lib/access/identity';
import { deletePresetResponse, listPresetsResponse, MAX_PRESETS_PER_OWNER, putPresetResponse, withPresetStore } from '@/lib/server/presets-api';
import { openSqliteStore } from '@/lib/store/sqlite-store';
import type { Store } from '@/lib/store/store';

vi.mock('server-only', () => ({}));

const key = (keyId: string): Identity => ({ kind: 'key', keyId, name: keyId, admin: false, limits: {}, tiers: null, via: 'bearer' });
const preset = (name: string, extra: object = {}) => ({ name, tier: 'balanced', members: ['a', 'b'], chairman: 'a', mode: 'full', ...extra });
const put = (body: unknown) =>
  new Request('http://127.0.0.1/api/presets', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const del = (query: string) => new Request(`http://127.0.0.1/api/presets${query}`, { method: 'DELETE' });

let store: Store;
beforeEach(() => {
  store = openSqliteStore({ filename: ':memory:' });
});
afterEach(() => store.close());

async function names(identity: Identity): Promise<string[]> {
  const json = await (await listPresetsResponse(store, identity)).json();
  return json.presets.map((p: { name: string }) => p.name);
}

describe('/api/presets', () => {
  it('saves, lists and deletes presets per key: another key sees none of them', async () => {
    expect((await putPresetResponse(store, key('k1'), put(preset('Trio')))).status).toBe(200);
    await putPresetResponse(store, key('k1'), put(preset('Duo', { mode: 'answers' })));
    expect(await names(key('k1'))).toEqual(['Duo', 'Trio']);
    expect(await names(key('k2'))).toEqual([]);
    expect(await names({ kind: 'personal' })).toEqual([]);
    expect((await (await listPresetsResponse(store, key('k1'))).json()).scope).toBe('key');
    expect((await (await listPresetsResponse(store, { kind: 'personal' })).json()).scope).toBe('personal');
    expect((await deletePresetResponse(store, key('k2'), del('?name=Trio'))).status).toBe(404);
    expect((await deletePresetResponse(store, key('k1'), del('?name=Trio'))).status).toBe(204);
    expect(await names(key('k1'))).toEqual(['Duo']);
  });

  it('replaces a preset saved again under the same name', async () => {
    await putPresetResponse(store, key('k1'), put(preset('Mine')));
    const again = await (await putPresetResponse(store, key('k1'), put(preset('Mine', { members: ['c', 'd', 'e'] })))).json();
    expect(again.preset.members).toEqual(['c', 'd', 'e']);
    const listed = await (await listPresetsResponse(store, key('k1'))).json();
    expect(listed.presets).toHaveLength(1);
    expect(listed.presets[0]).toMatchObject({ name: 'Mine', members: ['c', 'd', 'e'], tier: 'balanced', chairman: 'a', mode: 'full' });
  });

  it.each([
    ['not JSON', '{"name":'],
    ['a council of one', preset('x', { members: ['a'] })],
    ['an empty name', preset('  ')],
    ['a name over 60 characters', preset('n'.repeat(61))],
    ['an unknown mode', preset('x', { mode: 'turbo' })],
    ['an unknown field', preset('x', { owner: 'k2' })],
    ['members that are not strings', preset('x', { members: [1, 2] })],
  ])('answers 400 { error, issues } for %s', async (_name, body) => {
    const response = await putPresetResponse(store, key('k1'), put(body));
    expect(response.status).toBe(400);
    expect((await response.json()).issues.length).toBeGreaterThan(0);
  });

  it('answers 400 for a delete without a name', async () => {
    expect((await deletePresetResponse(store, key('k1'), del(''))).status).toBe(400);
  });

  it(`keeps at most ${MAX_PRESETS_PER_OWNER} presets per key, but still lets one be replaced`, async () => {
    for (let i = 0; i < MAX_PRESETS_PER_OWNER; i++) await store.putPreset('k1', { ...preset(`p${i}`), mode: 'full' }, new Date());
    expect((await putPresetResponse(store, key('k1'), put(preset('one more')))).status).toBe(400);
    expect((await putPresetResponse(store, key('k1'), put(preset('p3', { mode: 'ranked' })))).status).toBe(200);
    expect((await putPresetResponse(store, key('k2'), put(preset('one more')))).status).toBe(200);
  });

  it('answers 503 when the store fails or cannot be opened', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    await store.close();
    const closed = await withPresetStore(async () => store, (s) => listPresetsResponse(s, key('k1')));
    expect(closed.status).toBe(503);
    const unopened = await withPresetStore(() => Promise.reject(new Error('database down')), (s) => listPresetsResponse(s, key('k1')));
    expect(unopened.status).toBe(503);
    quiet.mockRestore();
    store = openSqliteStore({ filename: ':memory:' });
  });
});
