/**
 * The stats part of the store contract: the facts /api/stats reads are written with the events, in the
 * same batch, read back by time window, superseded by a later aggregate, and deleted with their run.
 */
import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import type { CouncilEventBody } from '@/lib/council/events';
import type { Store } from '@/lib/store/store';
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

    it('writes stage-1 outcomes, valid rankings and the latest placements with the events, whatever the batching', async () => {
      await run('r1', 0);
      const events = stamp('r1', statsRunBodies());
      // Split so that the late aggregate arrives in a later batch than the first one.
      await store.writeBatch({ events: events.slice(0, 6) });
      await store.writeBatch({ events: events.slice(6) });
      const facts = await store.readStatsFacts({ since: at(0), scope: ALL });

      const members = [...facts.members].sort((a, b) => a.model.localeCompare(b.model));
      expect(members).toEqual([
        { runId: 'r1', model: 'm-a', outcome: 'completed', reason: null, ttftMs: 100, durationMs: 400, costUsd: 0.01 },
        { runId: 'r1', model: 'm-b', outcome: 'completed', reason: null, ttftMs: 50, durationMs: 200, costUsd: null },
        { runId: 'r1', model: 'm-c', outcome: 'failed', reason: 'timeout', ttftMs: null, durationMs: 900, costUsd: null },
      ]);
      const judgements = [...facts.judgements].sort((a, b) => a.judge.localeCompare(b.judge));
      expect(judgements).toEqual([
        { runId: 'r1', judge: 'm-a', shown: 2, firstShownBest: true, sawOwn: true, ownBest: false },
        { runId: 'r1', judge: 'm-b', shown: 2, firstShownBest: false, sawOwn: true, ownBest: true },
      ]);
      const placements = [...facts.placements].sort((a, b) => a.place - b.place);
      expect(placements).toEqual([
        { runId: 'r1', model: 'm-b', averageRank: 1, votes: 2, place: 1 },
        { runId: 'r1', model: 'm-a', averageRank: 2, votes: 2, place: 2 },
      ]);
    });

    it('reads only the runs started inside the window', async () => {
      await run('old', 0);
      await run('new', 10 * 86_400_000);
      await store.writeBatch({ events: [...stamp('old', statsRunBodies()), ...stamp('new', statsRunBodies())] });
      const facts = await store.readStatsFacts({ since: at(86_400_000), scope: ALL });
      expect(new Set(facts.members.map((f) => f.runId))).toEqual(new Set(['new']));
      expect(new Set(facts.judgements.map((f) => f.runId))).toEqual(new Set(['new']));
      expect(new Set(facts.placements.map((f) => f.runId))).toEqual(new Set(['new']));
      expect((await store.readStatsFacts({ since: at(0), scope: ALL })).members).toHaveLength(6);
    });

    it('forgets a run’s facts when its conversation is deleted', async () => {
      await run('r1', 0);
      await store.writeBatch({ events: stamp('r1', statsRunBodies()) });
      expect(await store.deleteConversation('c-r1')).toBe(true);
      expect(await store.readStatsFacts({ since: at(0), scope: ALL })).toEqual({ members: [], judgements: [], placements: [] });
    });

    it('writes no facts when the batch fails (one transaction with the events)', async () => {
      await run('r1', 0);
      const events = stamp('r1', statsRunBodies());
      await store.writeBatch({ events: events.slice(0, 2) });
      // A repeated seq makes the whole batch fail, facts included.
      await expect(store.writeBatch({ events: [events[2], events[0]] })).rejects.toThrow();
      expect((await store.readStatsFacts({ since: at(0), scope: ALL })).members.map((f) => f.model).sort()).toEqual(['m-a', 'm-b']);
    });
  });
}
