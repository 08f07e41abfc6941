import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { assignLabels, labelAt } from '@/lib/council/assign-labels';
import { seededRandom } from '@/lib/council/random';

describe('labelAt', () => {
  it('names labels like spreadsheet columns beyond Z', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(labelAt)).toEqual([
      'A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA',
    ]);
  });
});

describe('assignLabels', () => {
  it('gives labels A, B, C, … in order to a permutation of the models', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1 }), { maxLength: 40 }), fc.integer(), (models, seed) => {
        const labels = assignLabels(models, seededRandom(seed));
        expect(Object.keys(labels)).toEqual(models.map((_m, i) => labelAt(i)));
        expect([...Object.values(labels)].sort()).toEqual([...models].sort());
      }),
    );
  });

  it('is deterministic for a seed', () => {
    const models = ['m1', 'm2', 'm3', 'm4', 'm5'];
    expect(assignLabels(models, seededRandom(42))).toEqual(assignLabels(models, seededRandom(42)));
  });

  it('shuffles: different seeds give different orders and every model is sometimes first', () => {
    const models = ['m1', 'm2', 'm3', 'm4'];
    const firsts = new Map<string, number>();
    for (let seed = 0; seed < 400; seed++) {
      const first = assignLabels(models, seededRandom(seed)).A;
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    expect(firsts.size).toBe(4);
    // Roughly uniform: each model is first about 100 times out of 400.
    for (const count of firsts.values()) expect(count).toBeGreaterThan(50);
  });

  it('does not modify the models it is given', () => {
    const models = ['x', 'y', 'z'];
    assignLabels(models, seededRandom(7));
    expect(models).toEqual(['x', 'y', 'z']);
  });

  it('copes with a random source that returns values at the edge of [0, 1)', () => {
    const labels = assignLabels(['a', 'b', 'c'], () => 0.9999999999);
    expect(Object.values(labels).sort()).toEqual(['a', 'b', 'c']);
  });
});
