/**
 * One contract for every store (hono's runTest({ newRouter }) idea): each implementation runs these tests.
 * `open` gives a fresh, empty, migrated store; `reopen` opens the same database again through openStore.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CouncilEvent } from '@/lib/council/events';
import { normaliseText } from '@/lib/http/normalise-text';
import { recordRun } from '@/lib/store/run-recorder';
import { InvalidCursorError, type Store } from '@/lib/store/store';
import { drain, fromArray, sampleRun } from './run-events-fixture';
import { runAccessContract } from './access-contract';
import { runStatsContract } from './stats-contract';

export interface StoreContractOptions {
  name: string;
  open: () => Promise<Store>;
  reopen: () => Promise<Store>;
}

const T0 = Date.parse('2026-01-01T00:00:00Z');
const at = (ms: number) => new Date(T0 + ms);

export function runStoreContract({ name, open, reopen }: StoreContractOptions): void {
  runStatsContract({ name, open, reopen });
  describe(`store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    async function conversationWithRun(id = 'c1', runId = 'r1') {
      await store.createConversation({ id, title: 'First', createdAt: at(0) });
      await store.createRun({ id: runId, conversationId: id, tier: 'balanced', question: 'Why?', startedAt: at(10) });
    }

    it('creates and reads back a conversation; an unknown id reads as null', async () => {
      const created = await store.createConversation({ id: 'c1', title: 'Hello', createdAt: at(0) });
      expect(created).toEqual({ id: 'c1', title: 'Hello', createdAt: at(0).toISOString(), updatedAt: at(0).toISOString() });
      expect(await store.getConversation('c1')).toEqual(created);
      expect(await store.getConversation('nope')).toBeNull();
    });

    it('lists newest activity first and a new run moves its conversation to the top', async () => {
      await store.createConversation({ id: 'old', title: 'Old', createdAt: at(0) });
      await store.createConversation({ id: 'new', title: 'New', createdAt: at(5) });
      expect((await store.listConversations({ limit: 10 })).items.map((c) => c.id)).toEqual(['new', 'old']);
      await store.createRun({ id: 'r', conversationId: 'old', tier: 't', question: 'q', startedAt: at(9) });
      const page = await store.listConversations({ limit: 10 });
      expect(page.items.map((c) => c.id)).toEqual(['old', 'new']);
      expect(page.nextCursor).toBeNull();
    });

    it('pages through every conversation exactly once, newest first, whatever the page size', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 0, maxLength: 12 }), fc.integer({ min: 1, max: 5 }), async (times, limit) => {
          const s = await open();
          try {
          for (const [i, ms] of times.entries()) await s.createConversation({ id: `c${i}`, title: `t${i}`, createdAt: at(ms) });
          const seen: string[] = [];
          let cursor: string | null = null;
          for (let pages = 0; pages <= times.length + 1; pages++) {
            const page = await s.listConversations({ limit, cursor });
            expect(page.items.length).toBeLessThanOrEqual(limit);
            seen.push(...page.items.map((c) => c.id));
            cursor = page.nextCursor;
            if (!cursor) break;
          }
          expect(cursor).toBeNull();
          const expected = times
            .map((ms, i) => ({ id: `c${i}`, ms }))
            .sort((a, b) => b.ms - a.ms || (a.id < b.id ? 1 : -1))
            .map((c) => c.id);
          expect(seen).toEqual(expected);
          } finally {
            await s.close();
          }
        }),
        { numRuns: 15 },
      );
    });

    it('rejects a cursor it did not hand out', async () => {
      await expect(store.listConversations({ limit: 5, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
      const forged = Buffer.from(JSON.stringify({ a: 1 })).toString('base64url');
      await expect(store.listConversations({ limit: 5, cursor: forged })).rejects.toBeInstanceOf(InvalidCursorError);
    });

    it('renames a conversation; renaming an unknown one gives null', async () => {
      await store.createConversation({ id: 'c1', title: 'Before', createdAt: at(0) });
      expect((await store.renameConversation('c1', 'After'))?.title).toBe('After');
      expect((await store.getConversation('c1'))?.title).toBe('After');
      expect(await store.renameConversation('nope', 'X')).toBeNull();
    });

    it('starts a run as running with its question as the user message', async () => {
      await conversationWithRun();
      expect(await store.getRun('r1')).toMatchObject({ id: 'r1', conversationId: 'c1', status: 'running', question: 'Why?', finalText: null, endedAt: null });
      expect(await store.listMessages('c1')).toEqual([
        { conversationId: 'c1', role: 'user', content: 'Why?', runId: 'r1', createdAt: at(10).toISOString() },
      ]);
    });

    it('stores a question with NUL and a lone surrogate, normalised at the boundary, exactly as given', async () => {
      // The body reader turns NUL and lone surrogates into well-formed text; both stores must then keep it
      // character for character (PostgreSQL would refuse a raw NUL, and the drivers differ on lone surrogates).
      const question = normaliseText('a\u0000b \ud800 c \udc00 \u{1F600}');
      expect(question).toBe('ab \uFFFD c \uFFFD \u{1F600}');
      await store.createConversation({ id: 'c1', title: question, createdAt: at(0) });
      await store.createRun({ id: 'r1', conversationId: 'c1', tier: 'balanced', question, startedAt: at(10) });
      const started = { ...sampleRun('r1')[0], question } as CouncilEvent;
      await store.writeBatch({ events: [started] });
      expect((await store.getRun('r1'))?.question).toBe(question);
      expect((await store.getConversation('c1'))?.title).toBe(question);
      expect((await store.listMessages('c1'))[0].content).toBe(question);
      expect(await store.listEvents('r1')).toEqual([started]);
    });

    it('stores events append-only and returns them exactly, in seq order', async () => {
      await conversationWithRun();
      const events = sampleRun('r1');
      await store.writeBatch({ events: events.slice(0, 4) });
      await store.writeBatch({ events: events.slice(4) });
      expect(await store.listEvents('r1')).toEqual(events);
    });

    it('rolls back a whole batch when any part of it fails (a repeated seq)', async () => {
      await conversationWithRun();
      const events = sampleRun('r1');
      await store.writeBatch({ events: events.slice(0, 2) });
      const rows = [{ runId: 'r1', stage: 1 as const, model: 'm', attempt: 1, status: 'processing' as const, errorKind: null, errorMessage: null, httpStatus: null, timeToFirstTokenMs: null, durationMs: null, tokensIn: null, tokensOut: null, costUsd: null, createdAt: at(0).toISOString() }];
      await expect(store.writeBatch({ events: events.slice(1, 3), llmRequests: rows })).rejects.toThrow();
      expect(await store.listEvents('r1')).toEqual(events.slice(0, 2));
      expect(await store.listLlmRequests('r1')).toEqual([]);
    });

    it('closes a run once: status, totals and final text; a later end does not overwrite it', async () => {
      await conversationWithRun();
      const totals = { durationMs: 9, stages: [{ stage: 1 as const, durationMs: 4 }], tokens: { input: 1, output: 2 }, costUsd: 0.5 };
      await store.writeBatch({ runEnd: { runId: 'r1', status: 'completed', totals, finalText: 'Done.', endedAt: at(20) } });
      await store.writeBatch({ runEnd: { runId: 'r1', status: 'cancelled', totals: null, finalText: null, endedAt: at(30) } });
      expect(await store.getRun('r1')).toMatchObject({ status: 'completed', totals, finalText: 'Done.', endedAt: at(20).toISOString() });
    });

    it('records a run through the recorder: events, llm_requests per attempt, final answer as a message', async () => {
      await store.createConversation({ id: 'c1', title: 'First', createdAt: at(0) });
      const events = sampleRun('r1');
      const seen = await drain(recordRun(store, { runId: 'r1', conversationId: 'c1', tier: 'balanced', question: 'What is a quorum?' }, fromArray(events), { flushIntervalMs: 5 }));
      expect(seen).toEqual(events);
      expect(await store.listEvents('r1')).toEqual(events);
      const run = await store.getRun('r1');
      expect(run).toMatchObject({ status: 'completed', finalText: events.at(-1)?.type === 'run.completed' ? (events.at(-1) as { text: string }).text : null });
      expect(run?.totals?.tokens).toEqual({ input: 200, output: 80 });
      const requests = await store.listLlmRequests('r1');
      expect(requests.map((r) => [r.stage, r.model, r.attempt, r.status, r.errorKind, r.httpStatus])).toEqual([
        [1, 'm-a', 1, 'completed', null, null],
        [1, 'm-b', 1, 'failed', 'http_503', 503],
        [1, 'm-b', 2, 'completed', null, null],
        [3, 'm-a', 1, 'failed', 'http_500', 500],
      ]);
      expect(requests[0]).toMatchObject({ tokensIn: 100, tokensOut: 40, costUsd: 0.001, timeToFirstTokenMs: 10, durationMs: 20, queuedMs: 4 });
      expect((await store.listMessages('c1')).map((m) => m.role)).toEqual(['user', 'assistant']);
    });

    it('gives the last N answered turns, oldest first, skipping runs without an answer', async () => {
      await store.createConversation({ id: 'c1', title: 'x', createdAt: at(0) });
      for (let i = 1; i <= 4; i++) {
        await store.createRun({ id: `r${i}`, conversationId: 'c1', tier: 't', question: `q${i}`, startedAt: at(i * 10) });
        if (i !== 3) {
          await store.writeBatch({ messages: [{ conversationId: 'c1', role: 'assistant', content: `a${i}`, runId: `r${i}`, createdAt: at(i * 10 + 5) }] });
        }
      }
      expect(await store.listAnsweredTurns('c1', 2)).toEqual([{ question: 'q2', answer: 'a2' }, { question: 'q4', answer: 'a4' }]);
      expect(await store.listAnsweredTurns('c1', 10)).toHaveLength(3);
      expect(await store.listAnsweredTurns('c1', 0)).toEqual([]);
    });

    it('deletes a conversation with its messages, runs, events and request rows', async () => {
      await store.createConversation({ id: 'c1', title: 'First', createdAt: at(0) });
      await drain(recordRun(store, { runId: 'r1', conversationId: 'c1', tier: 't', question: 'q' }, fromArray(sampleRun('r1'))));
      await store.createConversation({ id: 'c2', title: 'Kept', createdAt: at(0) });
      expect(await store.deleteConversation('c1')).toBe(true);
      expect(await store.getConversation('c1')).toBeNull();
      expect(await store.getRun('r1')).toBeNull();
      expect(await store.listEvents('r1')).toEqual([]);
      expect(await store.listLlmRequests('r1')).toEqual([]);
      expect(await store.listMessages('c1')).toEqual([]);
      expect(await store.getConversation('c2')).not.toBeNull();
      expect(await store.deleteConversation('c1')).toBe(false);
    });

    it('marks runs left running as interrupted, keeping their events and failing their open calls', async () => {
      await conversationWithRun();
      await store.createRun({ id: 'r2', conversationId: 'c1', tier: 't', question: 'done', startedAt: at(11) });
      await store.writeBatch({ runEnd: { runId: 'r2', status: 'completed', totals: null, finalText: 'ok', endedAt: at(12) } });
      const events = sampleRun('r1').slice(0, 4);
      const open = { runId: 'r1', stage: 1 as const, model: 'm-a', attempt: 1, status: 'processing' as const, errorKind: null, errorMessage: null, httpStatus: null, timeToFirstTokenMs: null, durationMs: null, tokensIn: null, tokensOut: null, costUsd: null, createdAt: at(10).toISOString() };
      await store.writeBatch({ events, llmRequests: [open] });
      expect(await store.interruptRunningRuns(at(100))).toBe(1);
      expect(await store.getRun('r1')).toMatchObject({ status: 'interrupted', endedAt: at(100).toISOString() });
      expect((await store.getRun('r2'))?.status).toBe('completed');
      expect(await store.listEvents('r1')).toEqual(events);
      expect(await store.listLlmRequests('r1')).toMatchObject([{ status: 'failed', errorKind: 'interrupted' }]);
      expect(await store.interruptRunningRuns(at(200))).toBe(0);
    });

    describe('run leases (DESIGN.md §7)', () => {
      const open = { stage: 1 as const, model: 'm-a', attempt: 1, status: 'processing' as const, errorKind: null, errorMessage: null, httpStatus: null, timeToFirstTokenMs: null, durationMs: null, tokensIn: null, tokensOut: null, costUsd: null, createdAt: at(10).toISOString() };
      async function runOf(runId: string, instanceId: string | null) {
        if (!(await store.getConversation('c1'))) await store.createConversation({ id: 'c1', title: 'First', createdAt: at(0) });
        await store.createRun({ id: runId, conversationId: 'c1', tier: 't', question: runId, startedAt: at(10), instanceId });
        await store.writeBatch({ llmRequests: [{ ...open, runId }] });
      }

      it('records the owning instance of a run', async () => {
        await runOf('r1', 'inst-a');
        expect((await store.getRun('r1'))?.instanceId).toBe('inst-a');
      });

      it('recovers only the runs of instances whose lease lapsed, never a live one nor its own', async () => {
        expect(await store.renewLease('live', at(0), at(1_000))).toBe(true);
        expect(await store.renewLease('dead', at(0), at(500))).toBe(true);
        await runOf('of-live', 'live');
        await runOf('of-dead', 'dead');
        await runOf('of-self', 'self');
        await runOf('of-unknown', 'never-leased');
        await runOf('of-nobody', null);
        expect(await store.interruptOrphanedRuns(at(400), 'self')).toBe(2); // the unknown and the instance-less
        expect(await store.interruptOrphanedRuns(at(1_000), 'self')).toBe(1); // now the lapsed one (500 < 1000)
        expect(await store.interruptOrphanedRuns(at(1_000), 'self')).toBe(0);
        expect((await store.getRun('of-live'))?.status).toBe('running');
        expect((await store.getRun('of-self'))?.status).toBe('running');
        expect(await store.getRun('of-dead')).toMatchObject({ status: 'interrupted', endedAt: at(1_000).toISOString() });
        expect(await store.listLlmRequests('of-dead')).toMatchObject([{ status: 'failed', errorKind: 'interrupted' }]);
        expect(await store.listLlmRequests('of-live')).toMatchObject([{ status: 'processing' }]);
        // A renewal keeps a lease alive past its first expiry and says whether it had lapsed.
        expect(await store.renewLease('live', at(900), at(2_000))).toBe(true);
        expect(await store.interruptOrphanedRuns(at(1_500), 'self')).toBe(0);
        expect(await store.renewLease('live', at(2_500), at(3_000))).toBe(false);
      });

      it('never shortens a lease by a late renewal, and a released lease is recovered at once', async () => {
        await store.renewLease('a', at(0), at(5_000));
        await store.renewLease('a', at(1), at(100)); // arrived late: the later expiry stands
        await runOf('r1', 'a');
        expect(await store.interruptOrphanedRuns(at(4_000), 'b')).toBe(0);
        await store.releaseLease('a', at(4_000));
        expect(await store.interruptOrphanedRuns(at(4_000), 'b')).toBe(1);
      });

      it('keeps a finished run\'s final write whichever lands first, its own or a recovery', async () => {
        await store.renewLease('slow', at(0), at(100));
        await runOf('end-first', 'slow');
        await runOf('recover-first', 'slow');
        const end = (runId: string) => ({ runId, status: 'completed' as const, totals: null, finalText: `answer ${runId}`, endedAt: at(300) });
        await store.writeBatch({ runEnd: end('end-first'), llmRequests: [{ ...open, runId: 'end-first', status: 'completed' }] });
        expect(await store.interruptOrphanedRuns(at(200), 'other')).toBe(1);
        await store.writeBatch({ runEnd: end('recover-first') });
        for (const id of ['end-first', 'recover-first']) {
          expect(await store.getRun(id)).toMatchObject({ status: 'completed', finalText: `answer ${id}`, endedAt: at(300).toISOString() });
        }
        // A run already closed stays closed: a late second end changes nothing.
        await store.writeBatch({ runEnd: { ...end('end-first'), status: 'failed', finalText: null } });
        expect((await store.getRun('end-first'))?.status).toBe('completed');
      });

      it('lets two instances recover at once without counting a run twice', async () => {
        await store.renewLease('gone', at(0), at(10));
        for (let i = 0; i < 6; i++) await runOf(`r${i}`, 'gone');
        const counts = await Promise.all([store.interruptOrphanedRuns(at(100), 'x'), store.interruptOrphanedRuns(at(100), 'y')]);
        expect(counts[0] + counts[1]).toBe(6);
      });
    });

    it('deletes llm_requests created before the retention cut-off only', async () => {
      await conversationWithRun();
      const row = (attempt: number, ms: number) => ({ runId: 'r1', stage: 1 as const, model: 'm', attempt, status: 'completed' as const, errorKind: null, errorMessage: null, httpStatus: null, timeToFirstTokenMs: 1, durationMs: 2, tokensIn: 3, tokensOut: 4, costUsd: 0, createdAt: at(ms).toISOString() });
      await store.writeBatch({ llmRequests: [row(1, 0), row(2, 1000), row(3, 5000)] });
      expect(await store.deleteLlmRequestsBefore(at(1000))).toBe(1);
      expect((await store.listLlmRequests('r1')).map((r) => r.attempt)).toEqual([2, 3]);
    });

    it('keeps everything across a reopen, and migrating again changes nothing', async () => {
      await conversationWithRun();
      await store.writeBatch({ events: sampleRun('r1').slice(0, 3) });
      await store.close();
      store = await reopen();
      expect(await store.getConversation('c1')).not.toBeNull();
      expect(await store.listEvents('r1')).toHaveLength(3);
      // openStore's start-up recovery ran: the run that was left running is interrupted now.
      expect((await store.getRun('r1'))?.status).toBe('interrupted');
    });

    it('keeps council presets per owner: saved, replaced by name, listed by name, deleted', async () => {
      const preset = (name: string, members = ['a', 'b']) => ({ name, tier: 'balanced', members, chairman: 'a', mode: 'ranked' as const });
      await store.putPreset('k1', preset('zeta'), at(1));
      await store.putPreset('k1', preset('Alpha'), at(2));
      await store.putPreset('k2', preset('zeta', ['c', 'd']), at(3));
      await store.putPreset(null, preset('mine'), at(4));
      expect((await store.listPresets('k1')).map((p) => p.name)).toEqual(['Alpha', 'zeta']);
      const replaced = await store.putPreset('k1', preset('zeta', ['x', 'y', 'z']), at(5));
      expect(replaced).toEqual({ ...preset('zeta', ['x', 'y', 'z']), updatedAt: at(5).toISOString() });
      expect((await store.listPresets('k1')).find((p) => p.name === 'zeta')).toEqual(replaced);
      // Another key's preset of the same name is its own; personal mode's are apart from every key's.
      expect((await store.listPresets('k2'))[0].members).toEqual(['c', 'd']);
      expect((await store.listPresets(null)).map((p) => p.name)).toEqual(['mine']);
      expect(await store.deletePreset('k2', 'Alpha')).toBe(false);
      expect(await store.deletePreset('k1', 'Alpha')).toBe(true);
      expect((await store.listPresets('k1')).map((p) => p.name)).toEqual(['zeta']);
      expect(await store.listPresets('nobody')).toEqual([]);
    });
  });
  runAccessContract(name, open);
}
