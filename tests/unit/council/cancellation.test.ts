import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isTerminalEvent } from '@/lib/council/events';
import { RunCancellation } from '@/lib/council/run-cancellation';
import { ofType, setupCouncil, terminal } from './council-fixture';
import { randomCouncil } from './random-council';

describe('cancellation', () => {
  it('aborts every in-flight call at once and ends with run.cancelled', async () => {
    const controller = new AbortController();
    const { run, council, clock } = setupCouncil({ signal: controller.signal, scripts: { m4: { answer: { hang: {} } } } });
    clock.setTimer(() => controller.abort(), 110);
    const events = await run();
    const end = terminal(events);
    expect(end).toMatchObject({ type: 'run.cancelled', t: 110 });
    const stage1 = council.calls();
    expect(stage1.every((c) => !c.open && (c.aborted || c.endedAt! <= clock.now()))).toBe(true);
    expect(council.models.get('m4')!.calls[0].aborted).toBe(true);
    expect(ofType(events, 'member.failed').map((e) => e.reason)).toContain('cancelled');
    expect(ofType(events, 'stage.started')).toHaveLength(1);
  });

  it('says why in run.cancelled when the signal aborts with a RunCancellation', async () => {
    const controller = new AbortController();
    const { run, clock } = setupCouncil({ signal: controller.signal, scripts: { m4: { answer: { hang: {} } } } });
    clock.setTimer(() => controller.abort(new RunCancellation('shutdown')), 50);
    expect(terminal(await run())).toMatchObject({ type: 'run.cancelled', reason: 'shutdown', message: expect.stringMatching(/shut down/) });
  });

  it('ends at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { run, council } = setupCouncil({ signal: controller.signal });
    const events = await run();
    expect(terminal(events).type).toBe('run.cancelled');
    expect(council.openCalls()).toEqual([]);
  });

  it('leaves no model call open after the terminal event, whenever the cancel comes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(randomCouncil, fc.integer({ min: 0, max: 12_000 }), async (setup, cancelAt) => {
        const controller = new AbortController();
        const council = setupCouncil({ ...setup, signal: controller.signal });
        council.clock.setTimer(() => controller.abort(), cancelAt);
        let openAtTerminal = -1;
        const events = await council.run({
          onEvent: (e) => {
            if (isTerminalEvent(e)) openAtTerminal = council.council.openCalls().length;
          },
        });
        expect(openAtTerminal).toBe(0);
        const end = terminal(events);
        if (end.type === 'run.cancelled') expect(end.t).toBe(cancelAt);
        else expect(end.t).toBeLessThanOrEqual(cancelAt);
        expect(events.filter(isTerminalEvent)).toHaveLength(1);
      }),
      { numRuns: 150 },
    );
  });

  it('a consumer that stops iterating early aborts every call before its loop ends', async () => {
    for (const stopAt of ['member.delta', 'stage.started', 'ranking.parsed'] as const) {
      const { run, council } = setupCouncil({ scripts: { m3: { answer: { hang: {} } } } });
      let seen = 0;
      let openWhenLoopEnded = -1;
      const events = await run({
        breakAfter: (e) => e.type === stopAt && (stopAt !== 'stage.started' || ++seen === 2),
        onLoopEnd: () => (openWhenLoopEnded = council.openCalls().length),
      });
      expect(events[events.length - 1].type).toBe(stopAt);
      expect(openWhenLoopEnded).toBe(0);
      expect(council.calls().some((c) => c.aborted)).toBe(true);
    }
  });
});
