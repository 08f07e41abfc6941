/**
 * The access part of the store contract (DESIGN.md §5): keys stored by hash, sessions that die with their key,
 * and ownership as a query condition on every conversation method. Run for every store by store-contract.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuplicateKeyNameError, type NewAccessKey, type Store } from '@/lib/store/store';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const at = (ms: number) => new Date(T0 + ms);

function newKey(name: string, overrides: Partial<NewAccessKey> = {}): NewAccessKey {
  return { id: `id-${name}`, name, keyHash: `hash-${name}`, admin: false, limits: {}, tiers: null, createdAt: at(0), ...overrides };
}

export function runAccessContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract (access): ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('stores a key with its limits and tiers, finds it by hash only while unrevoked, and never returns the hash', async () => {
      expect(await store.hasAccessKeys()).toBe(false);
      const created = await store.createAccessKey(
        newKey('alice', { admin: true, limits: { rpm: 5, concurrent: 2, dailyUsd: 1.5, monthlyUsd: 20 }, tiers: ['fast', 'balanced'] }),
      );
      expect(created).toEqual({
        id: 'id-alice',
        name: 'alice',
        admin: true,
        limits: { rpm: 5, concurrent: 2, dailyUsd: 1.5, monthlyUsd: 20 },
        tiers: ['fast', 'balanced'],
        createdAt: at(0).toISOString(),
        revokedAt: null,
      });
      expect(JSON.stringify(created)).not.toContain('hash-alice');
      expect(await store.hasAccessKeys()).toBe(true);
      expect(await store.findActiveKeyByHash('hash-alice')).toEqual(created);
      expect(await store.findActiveKeyByHash('hash-nobody')).toBeNull();

      const revoked = await store.revokeAccessKey('alice', at(100));
      expect(revoked?.revokedAt).toBe(at(100).toISOString());
      expect(await store.findActiveKeyByHash('hash-alice')).toBeNull();
      // Revoking again keeps the first time; a revoked key still makes the server shared.
      expect((await store.revokeAccessKey('alice', at(200)))?.revokedAt).toBe(at(100).toISOString());
      expect(await store.hasAccessKeys()).toBe(true);
      expect(await store.revokeAccessKey('nobody', at(200))).toBeNull();
    });

    it('refuses a second key with the same name, revoked or not', async () => {
      await store.createAccessKey(newKey('bob'));
      await store.revokeAccessKey('bob', at(1));
      await expect(store.createAccessKey(newKey('bob', { id: 'other', keyHash: 'other' }))).rejects.toBeInstanceOf(DuplicateKeyNameError);
      expect((await store.listAccessKeys()).map((k) => k.name)).toEqual(['bob']);
    });

    it('keeps a session alive until it expires, is revoked, or its key is revoked', async () => {
      await store.createAccessKey(newKey('carol'));
      await store.createSession({ idHash: 's1', keyId: 'id-carol', createdAt: at(0), expiresAt: at(1000) });
      await store.createSession({ idHash: 's2', keyId: 'id-carol', createdAt: at(0), expiresAt: at(1000) });
      expect((await store.findActiveSession('s1', at(10)))?.key.name).toBe('carol');
      expect(await store.findActiveSession('s1', at(1000))).toBeNull();
      await store.revokeSession('s1', at(20));
      expect(await store.findActiveSession('s1', at(30))).toBeNull();
      expect(await store.findActiveSession('s2', at(30))).not.toBeNull();
      await store.revokeAccessKey('carol', at(40));
      expect(await store.findActiveSession('s2', at(50))).toBeNull();
      expect(await store.findActiveSession('unknown', at(50))).toBeNull();
    });

    it('makes ownership a query condition on get, list, rename and delete', async () => {
      await store.createConversation({ id: 'mine', title: 'Mine', createdAt: at(0), ownerKeyId: 'k1' });
      await store.createConversation({ id: 'theirs', title: 'Theirs', createdAt: at(1), ownerKeyId: 'k2' });
      await store.createConversation({ id: 'personal', title: 'Personal', createdAt: at(2) });
      const k1 = { kind: 'owner', ownerKeyId: 'k1' } as const;

      expect((await store.listConversations({ limit: 10, scope: k1 })).items.map((c) => c.id)).toEqual(['mine']);
      expect((await store.listConversations({ limit: 10, scope: { kind: 'all' } })).items.map((c) => c.id)).toEqual([
        'personal',
        'theirs',
        'mine',
      ]);
      expect(await store.getConversation('theirs', k1)).toBeNull();
      expect(await store.getConversation('personal', k1)).toBeNull();
      expect(await store.getConversation('mine', k1)).not.toBeNull();
      expect(await store.conversationExists('theirs')).toBe(true);
      expect(await store.conversationExists('nothing')).toBe(false);

      expect(await store.renameConversation('theirs', 'Hijacked', k1)).toBeNull();
      expect((await store.getConversation('theirs'))?.title).toBe('Theirs');
      expect((await store.renameConversation('mine', 'Renamed', k1))?.title).toBe('Renamed');

      expect(await store.deleteConversation('theirs', k1)).toBe(false);
      expect(await store.getConversation('theirs')).not.toBeNull();
      expect(await store.deleteConversation('mine', k1)).toBe(true);
    });

    it('pages one owner without leaking another owner into the cursor pages', async () => {
      for (let i = 0; i < 5; i++) {
        await store.createConversation({ id: `a${i}`, title: 'a', createdAt: at(i * 2), ownerKeyId: 'k1' });
        await store.createConversation({ id: `b${i}`, title: 'b', createdAt: at(i * 2 + 1), ownerKeyId: 'k2' });
      }
      const scope = { kind: 'owner', ownerKeyId: 'k1' } as const;
      const first = await store.listConversations({ limit: 2, scope });
      const rest = await store.listConversations({ limit: 10, cursor: first.nextCursor, scope });
      expect([...first.items, ...rest.items].map((c) => c.id)).toEqual(['a4', 'a3', 'a2', 'a1', 'a0']);
    });
  });
}
