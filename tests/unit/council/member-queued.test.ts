import { describe, expect, it } from 'vitest';
import { ofType, setupCouncil, terminal } from './council-fixture';

describe('a member held back by the bulkhead or the rate limiter', () => {
  it('reports the time it queued in timing.queuedMs, and 0 for members that did not wait', async () => {
    const { run } = setupCouncil({
      members: ['m1', 'm2', 'm3'],
      scripts: { m2: { answer: { queuedMs: 150, firstTokenMs: 50 } } },
    });
    const events = await run();
    const done = ofType(events, 'member.completed').filter((e) => e.stage === 1);
    const m2 = done.find((e) => e.model === 'm2');
    expect(m2?.timing.queuedMs).toBe(150);
    // Queue time is part of the member's time: its first token comes after the wait.
    expect((m2?.timing.firstTokenMs ?? 0) - (m2?.timing.startMs ?? 0)).toBeGreaterThanOrEqual(200);
    expect(done.filter((e) => e.model !== 'm2').map((e) => e.timing.queuedMs)).toEqual([0, 0]);
    expect(terminal(events).type).toBe('run.completed');
  });

  it('is cut by the straggler rule like a slow member, and its failure says how long it queued', async () => {
    const { run } = setupCouncil({
      members: ['m1', 'm2', 'm3'],
      scripts: { m3: { answer: { queuedMs: 60_000 } } },
    });
    const events = await run();
    const cut = ofType(events, 'member.failed').find((e) => e.model === 'm3' && e.stage === 1);
    expect(cut?.reason).toBe('straggler');
    // m1 and m2 answer at 120; the floor (300 ms) later m3 is cut, having queued the whole time.
    expect(cut?.t).toBe(120 + 300);
    expect(cut?.timing.queuedMs).toBe(cut ? cut.timing.endMs - cut.timing.startMs : -1);
    expect(terminal(events).type).toBe('run.completed');
  });

  it('is cut at its deadline when the whole council waits', async () => {
    const { run } = setupCouncil({
      members: ['m1', 'm2'],
      policy: { deadlinesMs: { answer: 1_000, ranking: 4_000, synthesis: 6_000 } },
      scripts: { m1: { answer: { queuedMs: 60_000 } }, m2: { answer: { queuedMs: 60_000 } } },
    });
    const events = await run();
    const failed = ofType(events, 'member.failed').filter((e) => e.stage === 1);
    expect(failed.map((e) => [e.model, e.reason, e.timing.queuedMs])).toEqual([
      ['m1', 'timeout', 1_000],
      ['m2', 'timeout', 1_000],
    ]);
    expect(terminal(events).type).toBe('run.failed');
  });
});
