import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assignLabels } from '@/lib/council/assign-labels';
import type { CouncilEvent } from '@/lib/council/events';
import { seededRandom, type Random } from '@/lib/council/random';
import { computeJudgeStats } from '@/lib/stats/compute-stats';
import { factsOf as factsOfEvents } from '@/lib/stats/stats-facts';
import { summarize } from '@/lib/stats/stats-summary';

/** Events → facts → the summary the stores compute in SQL. */
const factsOf = (events: CouncilEvent[]) => summarize(factsOfEvents(events));

/** A judge's policy: given the labels it saw (A first), its order of labels, best first. */
type Policy = (labels: string[], labelToModel: Record<string, string>, random: Random) => string[];

const firstShown: Policy = (labels) => [...labels];
const uniform: Policy = (labels, _map, random) => assignLabelsOrder(labels, random);
const selfFirst =
  (judge: string): Policy =>
  (labels, map) => [...labels].sort((a, b) => Number(map[b] === judge) - Number(map[a] === judge));

function assignLabelsOrder(labels: string[], random: Random): string[] {
  return Object.values(assignLabels(labels, random));
}

/** `count` valid rankings by `judge` of `models` under shuffled labels, as the engine records them. */
function rankings(judge: string, models: string[], count: number, policy: Policy, seed: number): CouncilEvent[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const labels = assignLabels(models, random);
    const order = policy(Object.keys(labels), labels, random);
    return {
      type: 'ranking.parsed', runId: `r${i}`, seq: 1, t: 0, judge, labels, order,
      ranked: order.map((l) => labels[l]), valid: true, late: false, critique: '',
    } satisfies CouncilEvent;
  });
}

const models = (n: number) => Array.from({ length: n }, (_, i) => `m${i}`);

describe('judge statistics', () => {
  it('a judge that always picks the answer shown first has a bias of 1 against 1/n, with the interval above 1/n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 20, max: 200 }), fc.integer(), (n, count, seed) => {
        const [stats] = computeJudgeStats(factsOf(rankings('j', models(n), count, firstShown, seed)));
        expect(stats.firstShownBest).toBe(1);
        expect(stats.firstShownBestCount).toBe(count);
        expect(stats.expected).toBeCloseTo(1 / n, 12);
        expect(stats.ci95[0]).toBeGreaterThan(1 / n);
        expect(stats.ci95[1]).toBeCloseTo(1, 12);
      }),
      { numRuns: 50 },
    );
  });

  it('a judge that ranks at random puts the first-shown answer first about 1/n of the time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.integer(), (n, seed) => {
        const [stats] = computeJudgeStats(factsOf(rankings('j', models(n), 3000, uniform, seed)));
        expect(Math.abs(stats.firstShownBest - 1 / n)).toBeLessThan(0.04);
        expect(stats.ci95[0]).toBeLessThan(stats.firstShownBest);
        expect(stats.ci95[1]).toBeGreaterThan(stats.firstShownBest);
      }),
      { numRuns: 20 },
    );
  });

  it('self-preference: a judge that always ranks its own answer first scores 1 against 1/n; without its own answer, none', () => {
    const own = computeJudgeStats(factsOf(rankings('m0', models(4), 100, selfFirst('m0'), 7)))[0];
    expect(own.selfPreference).toMatchObject({ rankings: 100, count: 100, share: 1, expected: 0.25 });
    // Self-first also means it rarely puts "A" first: about a quarter of the time (when its own is shown first).
    expect(own.firstShownBest).toBeLessThan(0.45);
    const excluded = computeJudgeStats(factsOf(rankings('j', models(3), 10, firstShown, 1)))[0];
    expect(excluded.selfPreference).toBeUndefined();
  });

  it('known counts give the known Wilson interval, and invalid rankings do not count', () => {
    const events = rankings('j', models(2), 10, firstShown, 3).map((e, i) =>
      i < 5 || e.type !== 'ranking.parsed' ? e : { ...e, order: [...e.order].reverse(), ranked: [...e.ranked].reverse() },
    );
    const invalid = { ...events[0], runId: 'bad', valid: false } as CouncilEvent;
    const [stats] = computeJudgeStats(factsOf([...events, invalid]));
    expect(stats).toMatchObject({ judge: 'j', rankings: 10, firstShownBest: 0.5, firstShownBestCount: 5, expected: 0.5 });
    expect(stats.ci95[0]).toBeCloseTo(0.2366, 4);
    expect(stats.ci95[1]).toBeCloseTo(0.7634, 4);
  });
});
