/**
 * The lease rules of DESIGN.md §7 as properties, on a real (in-memory SQLite) store: whatever the interleaving
 * of renewals, recoveries by any instance, crashes and final writes, (1) a run of an instance whose lease is live
 * is never marked interrupted, (2) a run whose owner wrote its end keeps that end, and (3) a run whose owner
 * stopped is interrupted by the first recovery after its lease lapsed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLeaseTimings, LeaseKeeper, leaseTimingsOf } from '@/lib/store/run-leases';
import { openSqliteStore } from '@/lib/store/sqlite-store';

const INSTANCES = ['a', 'b', 'c'] as const;
type Instance = (typeof INSTANCES)[number];
const TTL = 100;

type Step =
  | { kind: 'wait'; ms: number }
  | { kind: 'renew'; who: Instance }
  | { kind: 'recover'; who: Instance }
  | { kind: 'start'; who: Instance }
  | { kind: 'finish'; run: number };

const who = fc.constantFrom(...INSTANCES);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 150 }) }),
  fc.record({ kind: fc.constant('renew' as const), who }),
  fc.record({ kind: fc.constant('recover' as const), who }),
  fc.record({ kind: fc.constant('start' as const), who }),
  fc.record({ kind: fc.constant('finish' as const), run: fc.nat(20) }),
);

describe('run lease rules (property)', () => {
  it('never interrupts a live instance\'s run, never loses a final write, always recovers a lapsed one', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), async (steps) => {
        const store = openSqliteStore({ filename: ':memory:' });
        try {
          let now = 1_000;
          const expiry = new Map<Instance, number>();
          const runs: { id: string; owner: Instance; ended: boolean; lost: boolean }[] = [];
          await store.createConversation({ id: 'c', title: 't', createdAt: new Date(0) });
          for (const s of steps) {
            if (s.kind === 'wait') now += s.ms;
            if (s.kind === 'renew') {
              await store.renewLease(s.who, new Date(now), new Date(now + TTL));
              expiry.set(s.who, Math.max(expiry.get(s.who) ?? 0, now + TTL));
            }
            if (s.kind === 'start') {
              // An instance only starts runs while it holds a live lease (it renews before and while running).
              await store.renewLease(s.who, new Date(now), new Date(now + TTL));
              expiry.set(s.who, Math.max(expiry.get(s.who) ?? 0, now + TTL));
              const id = `r${runs.length}`;
              await store.createRun({ id, conversationId: 'c', tier: 't', question: 'q', startedAt: new Date(now), instanceId: s.who });
              runs.push({ id, owner: s.who, ended: false, lost: false });
            }
            if (s.kind === 'finish' && runs[s.run % Math.max(1, runs.length)] && !runs[s.run % runs.length].ended) {
              const run = runs[s.run % runs.length];
              run.ended = true;
              await store.writeBatch({ runEnd: { runId: run.id, status: 'completed', totals: null, finalText: 'done', endedAt: new Date(now) } });
            }
            if (s.kind === 'recover') {
              await store.interruptOrphanedRuns(new Date(now), s.who);
              for (const run of runs) {
                // The model: lost exactly when some recovery saw its owner's lease lapsed.
                if (!run.ended && run.owner !== s.who && (expiry.get(run.owner) ?? 0) < now) run.lost = true;
                const status = (await store.getRun(run.id))?.status;
                expect(status).toBe(run.ended ? 'completed' : run.lost ? 'interrupted' : 'running');
              }
            }
          }
          for (const run of runs) {
            expect((await store.getRun(run.id))?.status).toBe(run.ended ? 'completed' : run.lost ? 'interrupted' : 'running');
          }
        } finally {
          await store.close();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('interrupts a run only after its owner\'s lease lapsed (no live run is ever interrupted)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 30 }), async (gaps) => {
        const store = openSqliteStore({ filename: ':memory:' });
        try {
          await store.createConversation({ id: 'c', title: 't', createdAt: new Date(0) });
          let now = 0;
          await store.renewLease('owner', new Date(now), new Date(now + TTL));
          await store.createRun({ id: 'r', conversationId: 'c', tier: 't', question: 'q', startedAt: new Date(0), instanceId: 'owner' });
          let expiresAt = TTL;
          for (const gap of gaps) {
            now += gap;
            await store.interruptOrphanedRuns(new Date(now), 'other');
            const status = (await store.getRun('r'))?.status;
            expect(status).toBe(now <= expiresAt ? 'running' : 'interrupted');
            if (status === 'interrupted') break;
            // The owner renews at every step below the TTL: its lease stays live indefinitely.
            if (gap < TTL / 2) {
              await store.renewLease('owner', new Date(now), new Date(now + TTL));
              expiresAt = now + TTL;
            }
          }
        } finally {
          await store.close();
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('LeaseKeeper', () => {
  it('takes its lease and recovers lapsed instances at start, and releases it on stop', async () => {
    const store = openSqliteStore({ filename: ':memory:' });
    const logs: string[] = [];
    try {
      await store.createConversation({ id: 'c', title: 't', createdAt: new Date(0) });
      await store.renewLease('dead', new Date(0), new Date(10));
      await store.createRun({ id: 'r', conversationId: 'c', tier: 't', question: 'q', startedAt: new Date(0), instanceId: 'dead' });
      const keeper = new LeaseKeeper(store, { instanceId: 'me', timings: { ttlMs: 1_000, renewMs: 100 }, now: () => new Date(500), log: (m) => logs.push(m) });
      await keeper.start();
      expect((await store.getRun('r'))?.status).toBe('interrupted');
      expect(logs).toEqual([expect.stringContaining('1 run(s)')]);
      await store.createRun({ id: 'mine', conversationId: 'c', tier: 't', question: 'q', startedAt: new Date(0), instanceId: 'me' });
      expect(await store.interruptOrphanedRuns(new Date(600), 'other')).toBe(0);
      await keeper.release();
      expect(await store.interruptOrphanedRuns(new Date(600), 'other')).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('rejects timings where the lease could lapse between two renewals', () => {
    expect(() => checkLeaseTimings({ ttlMs: 100, renewMs: 60 })).toThrow(RangeError);
    expect(() => checkLeaseTimings({ ttlMs: 100, renewMs: 0 })).toThrow(RangeError);
    expect(checkLeaseTimings({ ttlMs: 120, renewMs: 60 })).toEqual({ ttlMs: 120, renewMs: 60 });
  });

  it('reads its timings from the environment, renewing at a third of a configured lease', () => {
    expect(leaseTimingsOf({})).toEqual({ ttlMs: 15_000, renewMs: 5_000 });
    expect(leaseTimingsOf({ QUORUM_LEASE_MS: 3_000 })).toEqual({ ttlMs: 3_000, renewMs: 1_000 });
    expect(leaseTimingsOf({ QUORUM_LEASE_MS: 3_000, QUORUM_LEASE_RENEW_MS: 500 })).toEqual({ ttlMs: 3_000, renewMs: 500 });
  });
});
