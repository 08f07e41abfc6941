import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { loadConfig } from '@/lib/config/load-config';
import { worstCaseEstimator } from '@/lib/limits/run-worst-case';
import { worstCaseCostUsd } from '@/lib/pricing/worst-case-cost';
import { LIMITED_COUNCIL_CONFIG } from '../../support/limits/limited-council';

vi.mock('server-only', () => ({}));

function estimatorFor(file: object) {
  const config = loadConfig({ env: { QUORUM_CONFIG: 'q.json' }, readFile: () => JSON.stringify(file) });
  return { config, estimate: worstCaseEstimator(config) };
}

describe('the pipeline’s worst case', () => {
  it('is the tier’s worst case at its maxTokens, its models’ prices and the retry policy’s attempts', () => {
    const { config, estimate } = estimatorFor(LIMITED_COUNCIL_CONFIG);
    const tier = config.tiers.find((t) => t.id === 'priced')!;
    const expected = worstCaseCostUsd({
      members: tier.council,
      chairman: tier.chairman,
      fallbackChairmen: tier.fallbackChairmen,
      mode: 'full',
      maxTokens: { answer: 300, ranking: 200, synthesis: 400 },
      promptChars: 'why?'.length,
      maxAttempts: 2,
      pricing: () => ({ inputPerMTok: 100, outputPerMTok: 400 }),
    });
    expect(estimate('priced', 'why?', [])).toBeCloseTo(expected, 12);
    // One attempt per call halves it.
    const once = estimatorFor({ ...LIMITED_COUNCIL_CONFIG, retry: { ...LIMITED_COUNCIL_CONFIG.retry, maxAttempts: 1 } });
    expect(once.estimate('priced', 'why?', [])).toBeCloseTo(expected / 2, 12);
  });

  it('counts the history the council will see (the last history.maxTurns exchanges), and no more', () => {
    const { estimate } = estimatorFor({ ...LIMITED_COUNCIL_CONFIG, history: { maxTurns: 2 } });
    const turn = { question: 'q'.repeat(4_000), answer: 'a'.repeat(4_000) };
    const none = estimate('priced', 'why?', []);
    const two = estimate('priced', 'why?', [turn, turn]);
    expect(two).toBeGreaterThan(none);
    expect(estimate('priced', 'why?', [turn, turn, turn, turn])).toBeCloseTo(two, 12);
  });

  it('grows with the question and is free for an unpriced tier (property)', () => {
    const { estimate } = estimatorFor(LIMITED_COUNCIL_CONFIG);
    const unpriced = estimatorFor({
      ...LIMITED_COUNCIL_CONFIG,
      models: LIMITED_COUNCIL_CONFIG.models.map(({ pricing: _pricing, ...model }) => model),
    });
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), fc.string({ minLength: 4, maxLength: 500 }), (question, more) => {
        expect(estimate('priced', question + more, [])).toBeGreaterThan(estimate('priced', question, []));
        expect(unpriced.estimate('priced', question, [])).toBe(0);
      }),
    );
  });
});
