import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nextUtcDayStart, nextUtcMonthStart, secondsUntil, utcDayOf, utcMonthOf } from '@/lib/limits/utc-periods';
import { actualMicroUsd, limitMicroUsd, reserveMicroUsd } from '@/lib/limits/micro-usd';

const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) });

describe('UTC budget periods', () => {
  it('names the UTC day and month, whatever the local time zone', () => {
    expect(utcDayOf(Date.UTC(2026, 11, 31, 23, 59, 59, 999))).toBe('2026-12-31');
    expect(utcDayOf(Date.UTC(2027, 0, 1))).toBe('2027-01-01');
    expect(utcMonthOf(Date.UTC(2028, 1, 29, 12))).toBe('2028-02');
  });

  it('rolls over at the next UTC midnight and the first of the next month (property)', () => {
    fc.assert(
      fc.property(instant, (now) => {
        const day = nextUtcDayStart(now);
        expect(day).toBeGreaterThan(now);
        expect(day - now).toBeLessThanOrEqual(86_400_000);
        expect(utcDayOf(day)).not.toBe(utcDayOf(now));
        expect(utcDayOf(day - 1)).toBe(utcDayOf(now));
        const month = nextUtcMonthStart(now);
        expect(utcMonthOf(month)).not.toBe(utcMonthOf(now));
        expect(utcMonthOf(month - 1)).toBe(utcMonthOf(now));
        expect(new Date(month).getUTCDate()).toBe(1);
      }),
    );
  });

  it('never answers a Retry-After below one second', () => {
    expect(secondsUntil(1_000, 1_000)).toBe(1);
    expect(secondsUntil(0, 1_500)).toBe(2);
  });
});

describe('micro-dollars', () => {
  it('reserves at least, settles about, and limits at most the dollar figure (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }).map((n) => n / 1e7), (usd) => {
        expect(reserveMicroUsd(usd)).toBeGreaterThanOrEqual(usd * 1e6 - 1e-3);
        expect(Math.abs(actualMicroUsd(usd) - usd * 1e6)).toBeLessThanOrEqual(0.5 + 1e-3);
        expect(limitMicroUsd(usd)).toBeLessThanOrEqual(usd * 1e6 + 1e-3);
      }),
    );
    expect(reserveMicroUsd(Number.NaN)).toBe(0);
    expect(reserveMicroUsd(-1)).toBe(0);
  });
});
