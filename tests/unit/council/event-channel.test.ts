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
});
