import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { replayRun } from '@/lib/client/run-reducer';
import { buildWaterfall, percentOf } from '@/lib/client/waterfall';
import { scriptRun, type RunPlan } from './run-script';

const plan: RunPlan = {
  members: [
    { deltas: ['a'], retryFirst: true, outcome: 'done' },
    { deltas: ['b'], retryFirst: false, outcome: 'straggler' },
    { deltas: ['c'], retryFirst: false, outcome: 'done' },
  ],
  terminal: 'completed',
  lateJudge: true,
};

describe('buildWaterfall', () => {
  it('has one bar per member per stage that started, with retries and cuts marked', () => {
    const state = replayRun(scriptRun(plan));
    const w = buildWaterfall(state);
    expect(w.bars.map((b) => b.key)).toEqual(['1:m1', '1:m2', '1:m3', '2:m1', '2:m3', '3:m1']);
    expect(w.bars[0].retriesAtMs).toHaveLength(1);
    expect(w.bars[1]).toMatchObject({ cut: true, failureReason: 'straggler' });
    expect(w.spanMs).toBe(Math.max(state.elapsedMs, 120));
  });

  it('marks the stage starts and the early transition', () => {
    const w = buildWaterfall(replayRun(scriptRun(plan)));
    expect(w.markers.filter((m) => m.kind === 'stage').map((m) => m.label)).toEqual(['Stage 1', 'Stage 2', 'Stage 3']);
    expect(w.markers.some((m) => m.kind === 'early-transition')).toBe(true);
  });

  it('draws a bar still in progress up to the latest event', () => {
    const events = scriptRun(plan);
    const firstDelta = events.findIndex((e) => e.type === 'member.delta');
    const state = replayRun(events.slice(0, firstDelta + 1));
    const bar = buildWaterfall(state).bars[0];
    expect(bar).toMatchObject({ inProgress: true, endMs: state.elapsedMs });
  });

  it('keeps every bar inside the axis for any run prefix', () => {
    const member = fc.record({ deltas: fc.array(fc.string(), { minLength: 1, maxLength: 3 }), retryFirst: fc.boolean(), outcome: fc.constantFrom('done' as const, 'http_500' as const, 'straggler' as const) });
    fc.assert(
      fc.property(fc.array(member, { minLength: 1, maxLength: 4 }), fc.nat(), (members, cut) => {
        const events = scriptRun({ members, terminal: 'completed', lateJudge: false });
        const w = buildWaterfall(replayRun(events.slice(0, cut % (events.length + 1))));
        for (const bar of w.bars) {
          expect(bar.endMs).toBeGreaterThanOrEqual(bar.startMs);
          expect(bar.endMs).toBeLessThanOrEqual(w.spanMs);
        }
      }),
    );
  });

  it('carries the time a call queued into its bar, and none for a call that did not wait', () => {
    const events = scriptRun(plan).map((event) =>
      event.type === 'member.completed' && event.stage === 1 && event.model === 'm3'
        ? { ...event, timing: { ...event.timing, queuedMs: 7 } }
        : event,
    );
    const bars = buildWaterfall(replayRun(events)).bars;
    expect(bars.find((b) => b.key === '1:m3')?.queuedMs).toBe(7);
    expect(bars.find((b) => b.key === '1:m1')?.queuedMs).toBe(0);
  });

  it('clamps positions to the axis', () => {
    expect(percentOf(-5, 100)).toBe(0);
    expect(percentOf(50, 100)).toBe(50);
    expect(percentOf(500, 100)).toBe(100);
  });
});
