import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { aggregateRankings } from '@/lib/council/aggregate-rankings';

const models = ['m1', 'm2', 'm3', 'm4', 'm5'];

/** Rankings of subsets of `models` (as with self-vote exclusion), in any order. */
const rankingsArb = fc
  .integer({ min: 2, max: 5 })
  .chain((k) =>
    fc.tuple(
      fc.constant(models.slice(0, k)),
      fc.array(
        fc.shuffledSubarray(models.slice(0, k), { minLength: 1 }).map((ranked) => ({ ranked })),
        { maxLength: 8 },
      ),
    ),
  );

describe('aggregateRankings', () => {
  it('averages rank positions and counts votes', () => {
    const entries = aggregateRankings(
      [{ ranked: ['b', 'a', 'c'] }, { ranked: ['a', 'b', 'c'] }, { ranked: ['b', 'c'] }],
      ['a', 'b', 'c'],
    );
    expect(entries).toEqual([
      { model: 'b', averageRank: 4 / 3, votes: 3 },
      { model: 'a', averageRank: 1.5, votes: 2 },
      { model: 'c', averageRank: 8 / 3, votes: 3 },
    ]);
  });

  it('puts models that no ranking placed last with a null average', () => {
    const entries = aggregateRankings([{ ranked: ['b'] }], ['a', 'b', 'c']);
    expect(entries.map((e) => [e.model, e.averageRank, e.votes])).toEqual([
      ['b', 1, 1],
      ['a', null, 0],
      ['c', null, 0],
    ]);
  });

  it('returns every model with null averages when there are no rankings', () => {
    expect(aggregateRankings([], ['z', 'y'])).toEqual([
      { model: 'y', averageRank: null, votes: 0 },
      { model: 'z', averageRank: null, votes: 0 },
    ]);
  });

  it('breaks ties by more votes, then by model id', () => {
    const entries = aggregateRankings(
      [{ ranked: ['c', 'a'] }, { ranked: ['a', 'c'] }, { ranked: ['b'] }, { ranked: ['b', 'x'] }],
      ['a', 'b', 'c'],
    );
    // b: 1.0 over 2 votes; a and c: 1.5 over 2 votes each → id order.
    expect(entries.map((e) => e.model)).toEqual(['b', 'a', 'c']);
    const fewer = aggregateRankings([{ ranked: ['a', 'b'] }, { ranked: ['b', 'a'] }, { ranked: ['c', 'a', 'b'] }], ['a', 'b', 'c']);
    // A lower average wins even with fewer votes: c 1 (1 vote), a 5/3, b 2.
    expect(fewer.map((e) => e.model)).toEqual(['c', 'a', 'b']);
    // Same average (1): more votes first.
    const sameAverage = aggregateRankings([{ ranked: ['a'] }, { ranked: ['b'] }, { ranked: ['b'] }], ['a', 'b']);
    expect(sameAverage.map((e) => e.model)).toEqual(['b', 'a']);
  });

  it('ignores unknown ids and counts a repeated id once, at its first position', () => {
    const entries = aggregateRankings([{ ranked: ['ghost', 'a', 'a', 'b'] }], ['a', 'b']);
    expect(entries).toEqual([
      { model: 'a', averageRank: 2, votes: 1 },
      { model: 'b', averageRank: 4, votes: 1 },
    ]);
  });

  it('does not depend on the order in which the rankings arrive', () => {
    fc.assert(
      fc.property(rankingsArb, fc.integer(), ([council, rankings], seed) => {
        const shuffled = [...rankings].sort((a, b) => hash(a.ranked.join() + seed) - hash(b.ranked.join() + seed));
        expect(aggregateRankings(shuffled, council)).toEqual(aggregateRankings(rankings, council));
        expect(aggregateRankings([...rankings].reverse(), council)).toEqual(aggregateRankings(rankings, council));
      }),
    );
  });

  it('returns the unanimous order when every judge agrees', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(models, { minLength: models.length }), fc.integer({ min: 1, max: 6 }), (order, judges) => {
        const entries = aggregateRankings(Array.from({ length: judges }, () => ({ ranked: order })), models);
        expect(entries.map((e) => e.model)).toEqual(order);
        entries.forEach((entry, index) => expect(entry).toEqual({ model: order[index], averageRank: index + 1, votes: judges }));
      }),
    );
  });

  it('keeps every average within [1, k], sorted best first, with one entry per model', () => {
    fc.assert(
      fc.property(rankingsArb, ([council, rankings]) => {
        const entries = aggregateRankings(rankings, council);
        expect(entries.map((e) => e.model).sort()).toEqual([...council].sort());
        const averages = entries.map((e) => e.averageRank);
        for (const average of averages) if (average !== null) {
          expect(average).toBeGreaterThanOrEqual(1);
          expect(average).toBeLessThanOrEqual(council.length);
        }
        const known = averages.filter((a): a is number => a !== null);
        expect(known).toEqual([...known].sort((a, b) => a - b));
        expect(averages.slice(known.length).every((a) => a === null)).toBe(true);
        const totalVotes = entries.reduce((sum, e) => sum + e.votes, 0);
        expect(totalVotes).toBe(rankings.reduce((sum, r) => sum + r.ranked.length, 0));
      }),
    );
  });
});

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
