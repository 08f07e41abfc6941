import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { costUsd } from '@/lib/pricing/pricing';

const tokens = fc.integer({ min: 0, max: 10_000_000 });
const price = fc.double({ min: 0, max: 1_000, noNaN: true, noDefaultInfinity: true });

describe('costUsd', () => {
  it('prices input and output tokens per million', () => {
    expect(costUsd({ input: 1_000_000, output: 500_000 }, { inputPerMTok: 1.25, outputPerMTok: 10 })).toBeCloseTo(6.25);
  });

  it('is unknown, not free, when the model has no price', () => {
    expect(costUsd({ input: 100, output: 100 })).toBeUndefined();
  });

  it('is never negative and grows with every token', () => {
    fc.assert(
      fc.property(tokens, tokens, price, price, (input, output, inputPerMTok, outputPerMTok) => {
        const pricing = { inputPerMTok, outputPerMTok };
        const cost = costUsd({ input, output }, pricing)!;
        expect(cost).toBeGreaterThanOrEqual(0);
        expect(costUsd({ input: input + 1, output }, pricing)!).toBeGreaterThanOrEqual(cost);
        expect(costUsd({ input, output: output + 1 }, pricing)!).toBeGreaterThanOrEqual(cost);
      }),
    );
  });

  it('is the sum of the cost of input alone and output alone', () => {
    fc.assert(
      fc.property(tokens, tokens, price, price, (input, output, inputPerMTok, outputPerMTok) => {
        const pricing = { inputPerMTok, outputPerMTok };
        const whole = costUsd({ input, output }, pricing)!;
        const parts = costUsd({ input, output: 0 }, pricing)! + costUsd({ input: 0, output }, pricing)!;
        expect(whole).toBeCloseTo(parts, 6);
      }),
    );
  });
});
