import { describe, expect, it } from 'vitest';
import { EventChannel } from '@/lib/council/event-channel';
import { FakeClock } from '@/tests/support/fake-clock';

describe('EventChannel', () => {
  it('stamps seq and t at push time and serves next() calls in order, even overlapping ones', async () => {
    const clock = new FakeClock(500);
    const channel = new EventChannel('r', clock, 500, async () => {});
    const first = channel.next();
    const second = channel.next();
    clock.advance(12);
    channel.push({ type: 'stage.started', stage: 1, models: [] });
    channel.push({ type: 'stage.started', stage: 2, models: [] });
    channel.end();
    expect((await first).value).toMatchObject({ seq: 1, t: 12, runId: 'r', stage: 1 });
    expect((await second).value).toMatchObject({ seq: 2, stage: 2 });
    expect((await channel.next()).done).toBe(true);
  });

  it('return() waits for the run to release its calls and drops later events', async () => {
    let released = false;
    const channel = new EventChannel('r', new FakeClock(), 1_000, async () => {
      await Promise.resolve();
      released = true;
    });
    await channel.return();
    expect(released).toBe(true);
    channel.push({ type: 'stage.started', stage: 1, models: [] });
    expect((await channel.next()).done).toBe(true);
  });

  it('asks the run to stop once more than maxQueued events wait unread, and still queues the terminal event', async () => {
    let overflows = 0;
    const channel = new EventChannel('r', new FakeClock(), 0, async () => {}, () => overflows++, 3);
    for (let i = 0; i < 3; i++) channel.push({ type: 'stage.started', stage: 1, models: [] });
    expect(overflows).toBe(0);
    channel.push({ type: 'stage.started', stage: 1, models: [] });
    channel.push({ type: 'stage.started', stage: 1, models: [] });
    expect(overflows).toBe(1);
    channel.push({ type: 'run.cancelled', reason: 'client_stalled', message: 'stopped' });
    channel.end();
    const seen: string[] = [];
    for (let next = await channel.next(); !next.done; next = await channel.next()) seen.push(next.value.type);
    expect(seen).toHaveLength(6);
    expect(seen.at(-1)).toBe('run.cancelled');
  });
});
