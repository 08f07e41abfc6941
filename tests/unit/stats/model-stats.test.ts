import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CouncilEvent, CouncilEventBody } from '@/lib/council/events';
import { computeModelStats } from '@/lib/stats/compute-stats';
import { percentile, wilson95 } from '@/lib/stats/proportions';
import { factsOf as factsOfEvents } from '@/lib/stats/stats-facts';
import { summarize } from '@/lib/stats/stats-summary';

/** Events → facts → the summary the stores compute in SQL. */
const factsOf = (events: CouncilEvent[]) => summarize(factsOfEvents(events));

const usage = { input: 1, output: 1 };
const stamp = (runId: string, bodies: CouncilEventBody[]) => bodies.map((b, i) => ({ ...b, runId, seq: i + 1, t: i }) as CouncilEvent);
const answer = (model: string, ttft: number, duration: number, costUsd?: number): CouncilEventBody => ({
  type: 'member.completed', stage: 1, model, text: 'x', usage, costUsd, timing: { startMs: 5, firstTokenMs: 5 + ttft, endMs: 5 + duration }, attempts: 1,
});
const aggregate = (...entries: [string, number | null, number][]): CouncilEventBody => ({
  type: 'ranking.aggregate', late: false, entries: entries.map(([model, averageRank, votes]) => ({ model, averageRank, votes })),
});

describe('model statistics', () => {
  it('known runs give known answers, first places, average rank, failures, percentiles and cost per answer', () => {
    const events = [
      ...stamp('r1', [answer('a', 100, 1000, 0.02), answer('b', 200, 2000), aggregate(['a', 1, 2], ['b', 2, 2])]),
      ...stamp('r2', [
        answer('a', 300, 3000, 0.04),
        { type: 'member.failed', stage: 1, model: 'b', reason: 'timeout', message: '', timing: { startMs: 0, firstTokenMs: null, endMs: 9 }, attempts: 1 },
        { type: 'member.failed', stage: 2, model: 'b', reason: 'http_500', message: '', timing: { startMs: 0, firstTokenMs: null, endMs: 9 }, attempts: 1 },
        aggregate(['a', 1.5, 2], ['b', null, 0]),
      ]),
      ...stamp('r3', [answer('a', 200, 2000), aggregate(['b', 1, 1], ['a', 3, 1])]),
    ];
    const [a, b] = computeModelStats(factsOf(events));
    expect(a).toEqual({
      model: 'a', answers: 3, firstPlaces: 2, ranked: 3,
      // (1×2 + 1.5×2 + 3×1) / 5 votes
      averageRank: 8 / 5,
      failures: {}, ttftMs: { p50: 200, p95: 300 }, durationMs: { p50: 2000, p95: 3000 }, costPerAnswerUsd: 0.03,
    });
    expect(b).toEqual({
      model: 'b', answers: 1, firstPlaces: 1, ranked: 2, averageRank: (2 * 2 + 1) / 3,
      failures: { timeout: 1 }, ttftMs: { p50: 200, p95: 200 }, durationMs: { p50: 2000, p95: 2000 }, costPerAnswerUsd: null,
    });
  });

  it('a later aggregate of the same run replaces the earlier one', () => {
    const events = stamp('r1', [aggregate(['a', 1, 1], ['b', 2, 1]), aggregate(['b', 1.5, 2], ['a', 1.5, 2])]);
    const stats = computeModelStats(factsOf(events));
    expect(stats.map((s) => [s.model, s.firstPlaces, s.averageRank])).toEqual([['a', 0, 1.5], ['b', 1, 1.5]]);
  });

  it('percentile is an observed value with at least p% of values at or below it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 100 }), (values, p) => {
        const q = percentile(values, p)!;
        expect(values).toContain(q);
        expect(values.filter((v) => v <= q).length / values.length).toBeGreaterThanOrEqual(p / 100);
        expect(values.filter((v) => v < q).length / values.length).toBeLessThan(p / 100);
      }),
    );
    expect(percentile([], 50)).toBeNull();
  });

  it('the Wilson interval contains the share and stays inside [0, 1]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, f) => {
        const k = Math.round(f * n);
        const [lo, hi] = wilson95(k, n);
        expect(lo).toBeGreaterThanOrEqual(0);
        expect(hi).toBeLessThanOrEqual(1);
        expect(lo).toBeLessThanOrEqual(k / n + 1e-12);
        expect(hi).toBeGreaterThanOrEqual(k / n - 1e-12);
      }),
    );
    expect(wilson95(0, 0)).toEqual([0, 1]);
  });
});
