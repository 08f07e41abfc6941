import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CouncilEvent } from '@/lib/council/events';
import { recordRun } from '@/lib/store/run-recorder';
import { drain, fromArray, sampleRun } from '../../integration/store/run-events-fixture';
import { SpyStore } from './spy-store';

const RUN = { runId: 'r1', conversationId: 'c1', tier: 'balanced', question: 'What is a quorum?' };
const NOW = new Date('2026-02-03T04:05:06Z');

afterEach(() => vi.restoreAllMocks());

/** A source that yields `first`, then waits for `release()` before yielding `rest`. */
function pausedSource(first: CouncilEvent[], rest: CouncilEvent[]) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  async function* events() {
    yield* first;
    await released;
    yield* rest;
  }
  return { events: events(), release };
}

describe('recordRun', () => {
  it('passes every event through untouched (the same objects, in order)', async () => {
    const spy = new SpyStore();
    const events = sampleRun('r1');
    const seen = await drain(recordRun(spy.asStore(), RUN, fromArray(events)));
    expect(seen).toHaveLength(events.length);
    seen.forEach((event, i) => expect(event).toBe(events[i]));
  });

  it('delivers events while the database is stuck, and ends the stream after the settle timeout', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const spy = new SpyStore();
    spy.gate = new Promise(() => undefined);
    const events = sampleRun('r1');
    const seen = await drain(recordRun(spy.asStore(), RUN, fromArray(events), { settleTimeoutMs: 20 }));
    expect(seen).toEqual(events);
    expect(spy.batches).toEqual([]);
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('still being written'));
  });

  it('writes a burst of events as one batch, closing the run in the same transaction', async () => {
    const spy = new SpyStore();
    const events = sampleRun('r1');
    await drain(recordRun(spy.asStore(), RUN, fromArray(events), { flushIntervalMs: 1_000, now: () => NOW }));
    expect(spy.runs).toEqual([{ id: 'r1', conversationId: 'c1', tier: 'balanced', question: RUN.question, ownerKeyId: null, startedAt: NOW }]);
    expect(spy.batches).toHaveLength(1);
    const [batch] = spy.batches;
    expect(batch.events).toEqual(events);
    expect(batch.runEnd).toMatchObject({ runId: 'r1', status: 'completed', finalText: expect.stringContaining('quorum') });
    expect(batch.messages).toEqual([{ conversationId: 'c1', role: 'assistant', content: batch.runEnd?.finalText, runId: 'r1', createdAt: NOW }]);
    expect(batch.touchConversation).toEqual({ id: 'c1', at: NOW });
  });

  it('flushes buffered events from a timer while the run is still going', async () => {
    const spy = new SpyStore();
    const events = sampleRun('r1');
    const source = pausedSource(events.slice(0, 3), events.slice(3));
    const consumed = drain(recordRun(spy.asStore(), RUN, source.events, { flushIntervalMs: 10 }));
    await vi.waitFor(() => expect(spy.events).toEqual(events.slice(0, 3)), { timeout: 5_000, interval: 5 });
    expect(spy.runEnd).toBeUndefined();
    source.release();
    await consumed;
    expect(spy.events).toEqual(events);
    expect(spy.runEnd?.status).toBe('completed');
  });

  it('derives one llm_requests row per attempt, pending while backing off and processing from its first token', async () => {
    const spy = new SpyStore();
    const events = sampleRun('r1');
    const retryAt = events.findIndex((e) => e.type === 'member.retrying');
    const source = pausedSource(events.slice(0, retryAt + 1), events.slice(retryAt + 1));
    const consumed = drain(recordRun(spy.asStore(), RUN, source.events, { flushIntervalMs: 5, now: () => NOW }));
    await vi.waitFor(() => expect(spy.events).toHaveLength(retryAt + 1), { timeout: 5_000, interval: 5 });
    expect(spy.llmRequests.find((r) => r.model === 'm-b' && r.attempt === 2)).toMatchObject({ status: 'pending', createdAt: new Date(NOW.getTime() + events[retryAt].t).toISOString() });
    source.release();
    await consumed;
    expect(spy.llmRequests.filter((r) => r.model === 'm-b')).toMatchObject([
      { attempt: 1, status: 'failed', errorKind: 'http_503', httpStatus: 503 },
      { attempt: 2, status: 'completed', tokensIn: 100, tokensOut: 40, costUsd: 0.002 },
    ]);
  });

  it('records the run as cancelled when the consumer stops early, failing calls still open', async () => {
    const spy = new SpyStore();
    const events = sampleRun('r1');
    const startedB = events.findIndex((e) => e.type === 'member.started' && e.model === 'm-b');
    const seen = await drain(recordRun(spy.asStore(), RUN, fromArray(events)), startedB + 1);
    expect(seen).toEqual(events.slice(0, startedB + 1));
    expect(spy.events).toEqual(seen);
    expect(spy.runEnd).toMatchObject({ status: 'cancelled', finalText: null });
    expect(spy.llmRequests.map((r) => [r.model, r.status, r.errorKind])).toEqual([
      ['m-a', 'failed', 'cancelled'],
      ['m-b', 'failed', 'cancelled'],
    ]);
  });

  it.each([
    ['failed', 'failed'],
    ['cancelled', 'cancelled'],
  ] as const)('closes the run as %s on a run.%s event, with what it spent so far', async (ending, status) => {
    const spy = new SpyStore();
    await drain(recordRun(spy.asStore(), RUN, fromArray(sampleRun('r1', { ending }))));
    expect(spy.runEnd).toMatchObject({ status, finalText: null, totals: { tokens: { input: 200, output: 80 }, costUsd: 0.003 } });
    expect(spy.batches.flatMap((b) => b.messages ?? [])).toEqual([]);
  });

  it('records the run as failed and rethrows when the event source throws', async () => {
    const spy = new SpyStore();
    const events = sampleRun('r1').slice(0, 4);
    async function* broken() {
      yield* events;
      throw new Error('engine exploded');
    }
    await expect(drain(recordRun(spy.asStore(), RUN, broken()))).rejects.toThrow('engine exploded');
    expect(spy.events).toEqual(events);
    expect(spy.runEnd).toMatchObject({ status: 'failed' });
  });

  it('records a source that ends without a terminal event as failed', async () => {
    const spy = new SpyStore();
    await drain(recordRun(spy.asStore(), RUN, fromArray(sampleRun('r1', { ending: 'none' }))));
    expect(spy.runEnd?.status).toBe('failed');
  });

  it('keeps streaming when every write fails, and logs the failure once', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const spy = new SpyStore();
    spy.failWith = new Error('disk full');
    const events = sampleRun('r1');
    expect(await drain(recordRun(spy.asStore(), RUN, fromArray(events), { flushIntervalMs: 1 }))).toEqual(events);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0])).toContain('disk full');
  });
});
