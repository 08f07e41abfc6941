import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CouncilEvent } from '@/lib/council/events';
import type { RunStatus } from '@/lib/store/store';
import { followStoredRun, GAP_FILL_MS, STORED_RUN_POLL_MS } from '@/lib/runs/follow-stored-run';
import { MemoryRunFanout } from '@/lib/runs/memory-run-fanout';
import { FakeClock } from '../../support/fake-clock';
import { settle } from './hub-fixture';

const RUN = '00000000-0000-4000-8000-0000000000f1';

function event(seq: number, last = 0): CouncilEvent {
  if (seq === last) {
    return { type: 'run.completed', runId: RUN, seq, t: seq, text: 'final', chairman: 'm', degraded: false, totals: { durationMs: 1, stages: [], tokens: { input: 0, output: 0 }, costUsd: 0 } } as CouncilEvent;
  }
  return { type: 'member.delta', runId: RUN, seq, t: seq, stage: 1, model: 'm', text: `${seq}` };
}

function setup() {
  const stored: CouncilEvent[] = [];
  let status: RunStatus = 'running';
  const fanout = new MemoryRunFanout();
  const clock = new FakeClock();
  const follow = (afterSeq = 0) =>
    followStoredRun({
      runId: RUN,
      afterSeq,
      fanout,
      clock,
      source: { events: async () => [...stored], status: async () => status },
    });
  return { stored, fanout, clock, follow, setStatus: (next: RunStatus) => (status = next) };
}

async function collect(iterator: AsyncIterator<CouncilEvent>): Promise<number[]> {
  const seqs: number[] = [];
  for (;;) {
    const next = await iterator.next();
    if (next.done) return seqs;
    seqs.push(next.value.seq);
  }
}

describe('followStoredRun: the replay→live seam', () => {
  it('hands on stored then live events with neither duplicates nor gaps, for any overlap', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 5 }),
        async (total, storedCount, overlap) => {
          const { stored, fanout, follow } = setup();
          const inStore = Math.min(storedCount, total);
          for (let seq = 1; seq <= inStore; seq += 1) stored.push(event(seq, total));
          const afterSeq = Math.floor(inStore / 3);
          const iterator = await follow(afterSeq);
          // Live events start `overlap` before the end of what the store held: those must not repeat.
          for (let seq = Math.max(1, inStore + 1 - overlap); seq <= total; seq += 1) fanout.publish(event(seq, total));
          const seqs = await collect(iterator);
          expect(seqs).toEqual(Array.from({ length: total - afterSeq }, (_, i) => afterSeq + i + 1));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('fills a gap from the store when live events run ahead of what was written', async () => {
    const { stored, fanout, clock, follow } = setup();
    stored.push(event(1), event(2));
    const iterator = await follow(0);
    fanout.publish(event(5));
    fanout.publish(event(6, 6));
    // Events 3 and 4 reach the store only now (the recorder writes every 50 ms).
    stored.push(event(3), event(4));
    const seqs = collect(iterator);
    clock.advance(GAP_FILL_MS);
    await settle();
    expect(await seqs).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('ends after the stored events when the run ended without a terminal event (interrupted)', async () => {
    const { stored, clock, follow, setStatus } = setup();
    stored.push(event(1), event(2));
    const iterator = await follow(0);
    const seqs = collect(iterator);
    stored.push(event(3));
    setStatus('interrupted');
    clock.advance(STORED_RUN_POLL_MS);
    await settle();
    clock.advance(STORED_RUN_POLL_MS);
    await settle();
    expect(await seqs).toEqual([1, 2, 3]);
  });

  it('reaches the end from the store alone when no live event comes (Redis down, or the run ended meanwhile)', async () => {
    const { stored, clock, follow, setStatus } = setup();
    stored.push(event(1));
    const iterator = await follow(0);
    const seqs = collect(iterator);
    stored.push(event(2), event(3, 3));
    setStatus('completed');
    clock.advance(STORED_RUN_POLL_MS);
    await settle();
    expect(await seqs).toEqual([1, 2, 3]);
  });

  it('lets go of its subscription and timer when the follower leaves', async () => {
    const { fanout, clock, follow } = setup();
    const iterator = await follow(0);
    let delivered = 0;
    await fanout.subscribe(RUN, () => (delivered += 1));
    await iterator.return?.();
    expect(clock.pending()).toBe(0);
    fanout.publish(event(1));
    expect(delivered).toBe(1);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });
});
