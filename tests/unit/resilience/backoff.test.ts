import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backoffCeiling, backoffDelay, retryDelay } from '@/lib/providers/resilience/backoff';

const policy = fc.record({
  baseMs: fc.integer({ min: 0, max: 10_000 }),
  factor: fc.double({ min: 1, max: 10, noNaN: true }),
  capMs: fc.integer({ min: 0, max: 120_000 }),
});
const attempt = fc.integer({ min: 1, max: 200 });
const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('backoff with full jitter', () => {
  it('always waits at least 0 and less than min(cap, base × factor^(attempt−1)), or exactly 0 when that is 0', () => {
    fc.assert(
      fc.property(policy, attempt, unit, (p, n, r) => {
        const delay = backoffDelay(n, p, () => r);
        const ceiling = Math.min(p.capMs, p.baseMs * p.factor ** (n - 1));
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(Number.isInteger(delay)).toBe(true);
        if (ceiling === 0) expect(delay).toBe(0);
        else expect(delay).toBeLessThan(ceiling);
      }),
    );
  });

  it('never lets the ceiling pass the cap, however many attempts', () => {
    fc.assert(
      fc.property(policy, attempt, (p, n) => {
        expect(backoffCeiling(n, p)).toBeLessThanOrEqual(p.capMs);
      }),
    );
  });

  it('grows the ceiling by the factor until the cap', () => {
    const p = { baseMs: 100, factor: 2, capMs: 1_000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffCeiling(n, p))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('spreads the delay over the whole range with the random source', () => {
    const p = { baseMs: 1_000, factor: 2, capMs: 10_000 };
    expect(backoffDelay(1, p, () => 0)).toBe(0);
    expect(backoffDelay(1, p, () => 0.5)).toBe(500);
    expect(backoffDelay(3, p, () => 0.999)).toBe(3_996);
  });

  it("honours a server's retry-after even above the cap", () => {
    fc.assert(
      fc.property(policy, attempt, unit, fc.integer({ min: 0, max: 600_000 }), (p, n, r, retryAfter) => {
        const delay = retryDelay(n, p, () => r, retryAfter);
        expect(delay).toBeGreaterThanOrEqual(retryAfter);
        expect(delay).toBe(Math.max(retryAfter, backoffDelay(n, p, () => r)));
      }),
    );
  });

  it('keeps the jitter when the server asks for no wait at all', () => {
    expect(retryDelay(1, { baseMs: 1_000, factor: 2, capMs: 5_000 }, () => 0.5, 0)).toBe(500);
  });

  it('falls back to the jittered back-off without a retry-after', () => {
    expect(retryDelay(2, { baseMs: 1_000, factor: 2, capMs: 5_000 }, () => 0.25)).toBe(500);
  });
});
