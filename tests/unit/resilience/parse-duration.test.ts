import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDuration } from '@/lib/providers/resilience/parse-duration';

describe("parseDuration (OpenAI's reset format)", () => {
  it.each([
    ['12ms', 12],
    ['1s', 1_000],
    ['6m0s', 360_000],
    ['1h2m3.5s', 3_723_500],
    ['0s', 0],
    ['0.5s', 500],
    ['1m30s', 90_000],
    ['250us', 0.25],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBeCloseTo(ms, 6);
  });

  it.each(['', '12', 'abc', '1x', 's', '1s junk', '-1s', '1 s'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('reads every h/m/s/ms composition back to its total', () => {
    const part = fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined });
    fc.assert(
      fc.property(part, part, part, part, (h, m, s, ms) => {
        fc.pre([h, m, s, ms].some((v) => v !== undefined));
        const text =
          (h === undefined ? '' : `${h}h`) +
          (m === undefined ? '' : `${m}m`) +
          (s === undefined ? '' : `${s}s`) +
          (ms === undefined ? '' : `${ms}ms`);
        const expected = (h ?? 0) * 3_600_000 + (m ?? 0) * 60_000 + (s ?? 0) * 1_000 + (ms ?? 0);
        expect(parseDuration(text)).toBe(expected);
      }),
    );
  });

  it('reads fractional seconds as Go prints them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 999 }), (s, frac) => {
        const text = `${s}.${String(frac).padStart(3, '0')}s`;
        expect(parseDuration(text)).toBeCloseTo(s * 1000 + frac, 6);
      }),
    );
  });
});
