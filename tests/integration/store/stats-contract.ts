/**
 * The stats part of the store contract: the facts /api/stats reads are written with the events, in the
 * same batch, read back by time window, superseded by a later aggregate, and deleted with their run.
 */
import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import type { CouncilEventBody } from '@/lib/council/events';
import type { Store } from '@/lib/store/store';
import { factsOf } from '@/lib/stats/stats-facts';
import { summarize, type StatsSummary } from '@/lib/stats/stats-summary';
import { stamp } from './run-events-fixture';
import type { StoreContractOptions } from './store-contract';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const at = (ms: number) => new Date(T0 + ms);
const ALL = { kind: 'all' } as const;
const usage = { input: 10, output: 5 };

/** Stage 1 of three members (one fails), two judges (one invalid), then a first and a late aggregate. */
export function statsRunBodies(): CouncilEventBody[] {
  return [
    { type: 'member.completed', stage: 1, model: 'm-a', text: 'A', usage, costUsd: 0.01, timing: { startMs: 0, firstTokenMs: 100, endMs: 400 }, attempts: 1 },
    { type: 'member.completed', stage: 1, model: 'm-b', text: 'B', usage, timing: { startMs: 10, firstTokenMs: 60, endMs: 210 }, attempts: 1 },
    { type: 'member.failed', stage: 1, model: 'm-c', reason: 'timeout', message: 'late', timing: { startMs: 0, firstTokenMs: null, endMs: 900 }, attempts: 2 },
    { type: 'ranking.parsed', judge: 'm-a', labels: { A: 'm-b', B: 'm-a' }, order: ['A', 'B'], ranked: ['m-b', 'm-a'], valid: true, late: false, critique: '' },
    { type: 'ranking.parsed', judge: 'm-b', labels: { A: 'm-a', B: 'm-b' }, order: ['A'], ranked: ['m-a'], valid: false, late: false, critique: '' },
    { type: 'ranking.aggregate', entries: [{ model: 'm-b', averageRank: 1, votes: 1 }, { model: 'm-a', averageRank: 2, votes: 1 }], late: false },
    { type: 'ranking.parsed', judge: 'm-b', labels: { A: 'm-a', B: 'm-b' }, order: ['B', 'A'], ranked: ['m-b', 'm-a'], valid: true, late: true, critique: '' },
    { type: 'ranking.aggregate', entries: [{ model: 'm-b', averageRank: 1, votes: 2 }, { model: 'm-a', averageRank: 2, votes: 2 }], late: true },
    // Stage 3 is not an answer: it must not count.
    { type: 'member.completed', stage: 3, model: 'm-a', text: 'final', usage, timing: { startMs: 500, firstTokenMs: 550, endMs: 700 }, attempts: 1 },
  ];
}

export function runStatsContract({ name, open }: StoreContractOptions): void {
  describe(`store contract, stats facts: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    async function run(id: string, startedMs: number, conversationId = `c-${id}`) {
      await store.createConversation({ id: conversationId, title: 't', createdAt: at(startedMs) });
      await store.createRun({ id, conversationId, tier: 'balanced', question: 'q', startedAt: at(startedMs) });
    }

    const read = (sinceMs: number) => store.readStatsSummary({ since: at(sinceMs), scope: ALL }).then(normalised);

    it('sums in the database exactly what the TypeScript definition sums, whatever the batching', async () => {
      await run('r1', 0);
      const events = stamp('r1', statsRunBodies());
      // Split so that the late aggregate arrives in a later batch than the first one.
      await store.writeBatch({ events: events.slice(0, 6) });
      await store.writeBatch({ events: events.slice(6) });
      const summary = await read(0);
      expect(summary).toEqual(normalised(summarize(factsOf(events))));
      // And the figures themselves, from the fixture.
      expect(summary.outcomes).toEqual([
        { model: 'm-a', outcome: 'completed', reason: null, count: 1, costSum: 0.01, costCount: 1 },
        { model: 'm-b', outcome: 'completed', reason: null, count: 1, costSum: 0, costCount: 0 },
        { model: 'm-c', outcome: 'failed', reason: 'timeout', count: 1, costSum: 0, costCount: 0 },
      ]);
      expect(summary.timings).toEqual([
        { model: 'm-a', ttftMs: 100, durationMs: 400 },
        { model: 'm-b', ttftMs: 50, durationMs: 200 },
      ]);
      expect(summary.judges).toEqual([
        { judge: 'm-a', rankings: 1, firstShownBest: 1, inverseN: 0.5, own: 1, ownBest: 0, ownInverseN: 0.5 },
        { judge: 'm-b', rankings: 1, firstShownBest: 0, inverseN: 0.5, own: 1, ownBest: 1, ownInverseN: 0.5 },
      ]);
      // The late aggregate (2 votes each) replaced the first.
      expect(summary.placements).toEqual([
        { model: 'm-a', ranked: 1, firstPlaces: 0, rankSum: 4, votes: 2 },
        { model: 'm-b', ranked: 1, firstPlaces: 1, rankSum: 2, votes: 2 },
      ]);
    });

    it('reads only the runs started inside the window', async () => {
      await run('old', 0);
      await run('new', 10 * 86_400_000);
      const recent = stamp('new', statsRunBodies());
      await store.writeBatch({ events: [...stamp('old', statsRunBodies()), ...recent] });
      expect(await read(86_400_000)).toEqual(normalised(summarize(factsOf(recent))));
      expect((await read(0)).outcomes.map((o) => o.count)).toEqual([2, 2, 2]);
    });

    it('forgets a run’s facts when its conversation is deleted', async () => {
      await run('r1', 0);
      await store.writeBatch({ events: stamp('r1', statsRunBodies()) });
      expect(await store.deleteConversation('c-r1')).toBe(true);
      expect(await read(0)).toEqual({ outcomes: [], timings: [], judges: [], placements: [] });
    });

    it('writes no facts when the batch fails (one transaction with the events)', async () => {
      await run('r1', 0);
      const events = stamp('r1', statsRunBodies());
      await store.writeBatch({ events: events.slice(0, 2) });
      // A repeated seq makes the whole batch fail, facts included.
      await expect(store.writeBatch({ events: [events[2], events[0]] })).rejects.toThrow();
      expect((await read(0)).outcomes.map((o) => o.model)).toEqual(['m-a', 'm-b']);
    });
  });
}

/** Rows in a fixed order and sums rounded, so that the database and TypeScript compare equal. */
function normalised(summary: StatsSummary): StatsSummary {
  const round = <T extends object>(row: T): T =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v])) as T;
  const sorted = <T extends object>(rows: T[]) => rows.map(round).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return { outcomes: sorted(summary.outcomes), timings: sorted(summary.timings), judges: sorted(summary.judges), placements: sorted(summary.placements) };
}
