import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import type { RunCancellation } from '@/lib/council/run-cancellation';
import { RunHub } from '@/lib/runs/run-hub';
import { FakeClock } from '../../support/fake-clock';
import { drain, ManualEvents, settle } from './hub-fixture';

function hubWith(options: { graceMs?: number; remote?: () => Promise<number> } = {}) {
  const source = new ManualEvents();
  const clock = new FakeClock();
  const cancels: RunCancellation[] = [];
  const published: number[] = [];
  const hub = new RunHub({
    runId: source.runId,
    events: source,
    cancel: (reason) => {
      cancels.push(reason);
      source.emit('run.cancelled', { reason: reason.reason });
    },
    graceMs: options.graceMs ?? 1_000,
    clock,
    publish: (event) => published.push(event.seq),
    remoteFollowers: options.remote,
  });
  return { source, clock, cancels, published, hub };
}

describe('RunHub: fan-out', () => {
  it('gives every attached follower every event, in order, and publishes each once', async () => {
    const { source, hub, published } = hubWith();
    const a = hub.follow(0);
    const b = hub.follow(0);
    source.emit();
    source.emit();
    source.emit('run.completed');
    await hub.done;
    const seqsA = (await drain(a, 10)).map((e) => e.seq);
    const seqsB = (await drain(b, 10)).map((e) => e.seq);
    expect(seqsA).toEqual([1, 2, 3]);
    expect(seqsB).toEqual([1, 2, 3]);
    expect(published).toEqual([1, 2, 3]);
  });

  it('replays from memory after the given seq and then goes on live, with no gap or duplicate at the seam', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 }), async (before, after) => {
        const { source, hub } = hubWith();
        const keep = hub.follow(0);
        for (let i = 0; i < before; i += 1) source.emit();
        await settle();
        const resumeAfter = Math.floor(before / 2);
        const late = hub.follow(resumeAfter);
        for (let i = 0; i < after; i += 1) source.emit();
        source.emit('run.completed');
        await hub.done;
        const seqs = (await drain(late, 100)).map((e) => e.seq);
        const total = before + after + 1;
        expect(seqs).toEqual(Array.from({ length: total - resumeAfter }, (_, i) => resumeAfter + i + 1));
        await keep.return?.();
      }),
      { numRuns: 40 },
    );
  });

  it('replays a finished run to its terminal event and ends', async () => {
    const { source, hub } = hubWith();
    hub.follow(0);
    source.emit();
    source.emit('run.completed');
    await hub.done;
    const seqs = (await drain(hub.follow(1), 10)).map((e) => e.type);
    expect(seqs).toEqual(['run.completed']);
  });

  it('detaches a follower at once when it returns, even while it waits for the next event', async () => {
    const { hub } = hubWith();
    const follower = hub.follow(0);
    const pending = follower.next();
    expect(hub.attached).toBe(1);
    await follower.return?.();
    expect(hub.attached).toBe(0);
    await expect(pending).resolves.toEqual({ value: undefined, done: true });
  });
});

describe('RunHub: detach grace', () => {
  it('cancels with reason detached when nobody is attached for the whole grace', async () => {
    const { hub, clock, cancels } = hubWith({ graceMs: 1_000 });
    const follower = hub.follow(0);
    await follower.return?.();
    clock.advance(999);
    await settle();
    expect(cancels).toHaveLength(0);
    clock.advance(1);
    await settle();
    expect(cancels.map((c) => c.reason)).toEqual(['detached']);
    await hub.done;
  });

  it('keeps the run when a follower re-attaches within the grace, and restarts the grace when it leaves again', async () => {
    const { hub, clock, cancels } = hubWith({ graceMs: 1_000 });
    await hub.follow(0).return?.();
    clock.advance(900);
    const back = hub.follow(0);
    clock.advance(5_000);
    await settle();
    expect(cancels).toHaveLength(0);
    await back.return?.();
    clock.advance(999);
    await settle();
    expect(cancels).toHaveLength(0);
    clock.advance(1);
    await settle();
    expect(cancels).toHaveLength(1);
  });

  it('runs the grace from the start when nobody ever attaches', async () => {
    const { clock, cancels } = hubWith({ graceMs: 500 });
    clock.advance(500);
    await settle();
    expect(cancels.map((c) => c.reason)).toEqual(['detached']);
  });

  it('never cancels a run that finished, and leaves no timer behind', async () => {
    const { source, hub, clock, cancels } = hubWith({ graceMs: 500 });
    await hub.follow(0).return?.();
    source.emit('run.completed');
    await hub.done;
    expect(clock.pending()).toBe(0);
    clock.advance(10_000);
    expect(cancels).toHaveLength(0);
  });

  it('is held by followers on other instances, then gets a whole new grace once they leave', async () => {
    let remote = 1;
    const { hub, clock, cancels } = hubWith({ graceMs: 1_000, remote: async () => remote });
    await hub.follow(0).return?.();
    clock.advance(1_000);
    await settle();
    clock.advance(3_000);
    await settle();
    expect(cancels).toHaveLength(0);
    remote = 0;
    clock.advance(1_000);
    await settle();
    expect(cancels).toHaveLength(0);
    clock.advance(1_000);
    await settle();
    expect(cancels.map((c) => c.reason)).toEqual(['detached']);
  });

  it('counts an unreachable Redis as nobody elsewhere', async () => {
    const { hub, clock, cancels } = hubWith({ graceMs: 100, remote: () => Promise.reject(new Error('down')) });
    await hub.follow(0).return?.();
    clock.advance(100);
    await settle();
    expect(cancels.map((c) => c.reason)).toEqual(['detached']);
  });
});

describe('RunHub: a source that fails', () => {
  it('passes the error to followers when the stream ends without a terminal event', async () => {
    const failing: AsyncIterable<never> = {
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('boom')) }),
    };
    const hub = new RunHub({ runId: 'r', events: failing, cancel: vi.fn(), graceMs: 1_000, clock: new FakeClock() });
    const follower = hub.follow(0);
    await hub.done;
    await expect(follower.next()).rejects.toThrow('boom');
  });
});
