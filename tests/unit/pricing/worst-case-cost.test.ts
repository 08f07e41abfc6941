import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { worstCaseCostUsd, type WorstCaseInput } from '@/lib/pricing/worst-case-cost';

const price = { inputPerMTok: 1, outputPerMTok: 10 };
const base: WorstCaseInput = {
  members: ['a', 'b', 'c'],
  chairman: 'a',
  fallbackChairmen: [],
  mode: 'full',
  maxTokens: { answer: 1000, ranking: 500, synthesis: 2000 },
  promptChars: 400,
  maxAttempts: 1,
  pricing: () => price,
};

describe('worstCaseCostUsd', () => {
  it('counts every call of every stage at its maxTokens', () => {
    const prompt = 100 + 400;
    const stage1 = 3 * (prompt * 1 + 1000 * 10);
    const stage2 = 3 * ((prompt + 3000) * 1 + 500 * 10);
    const synthesisIn = prompt + 3000 + 1500;
    // The chairman, then the dearest other member as the last resort.
    const stage3 = 2 * (synthesisIn * 1 + 2000 * 10);
    expect(worstCaseCostUsd(base)).toBeCloseTo((stage1 + stage2 + stage3) / 1e6, 12);
  });

  it('stops at the stages the mode runs', () => {
    const answers = worstCaseCostUsd({ ...base, mode: 'answers' });
    const ranked = worstCaseCostUsd({ ...base, mode: 'ranked' });
    const full = worstCaseCostUsd(base);
    expect(answers).toBeLessThan(ranked);
    expect(ranked).toBeLessThan(full);
  });

  it('counts a model without a price as free rather than failing', () => {
    expect(worstCaseCostUsd({ ...base, pricing: () => undefined })).toBe(0);
  });

  it('grows with attempts, members and the prompt, never shrinks (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 0, max: 5_000 }), (attempts, chars, extra) => {
        const one = worstCaseCostUsd({ ...base, maxAttempts: attempts, promptChars: chars });
        expect(worstCaseCostUsd({ ...base, maxAttempts: attempts + 1, promptChars: chars })).toBeGreaterThan(one);
        expect(worstCaseCostUsd({ ...base, maxAttempts: attempts, promptChars: chars + extra })).toBeGreaterThanOrEqual(one);
        expect(worstCaseCostUsd({ ...base, members: [...base.members, 'd'], maxAttempts: attempts, promptChars: chars })).toBeGreaterThan(one);
      }),
    );
  });
});
