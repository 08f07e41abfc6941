import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseRetryAfter } from '@/lib/providers/http/retry-after';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const headers = (init: Record<string, string>) => new Headers(init);

describe('parseRetryAfter', () => {
  it('reads retry-after as seconds', () => {
    expect(parseRetryAfter(headers({ 'retry-after': '3' }), NOW)).toBe(3000);
    expect(parseRetryAfter(headers({ 'retry-after': '0.5' }), NOW)).toBe(500);
  });

  it('reads retry-after as an HTTP date relative to now', () => {
    expect(parseRetryAfter(headers({ 'retry-after': 'Mon, 23 Nov 2026 10:00:07 GMT' }), NOW)).toBe(7000);
  });

  it('never answers a negative wait for a date in the past', () => {
    expect(parseRetryAfter(headers({ 'retry-after': 'Mon, 23 Nov 2026 09:59:00 GMT' }), NOW)).toBe(0);
  });

  it('prefers the more precise retry-after-ms', () => {
    expect(parseRetryAfter(headers({ 'retry-after-ms': '1250', 'retry-after': '9' }), NOW)).toBe(1250);
  });

  it('falls back to retry-after when retry-after-ms is unreadable', () => {
    expect(parseRetryAfter(headers({ 'retry-after-ms': 'soon', 'retry-after': '2' }), NOW)).toBe(2000);
  });

  it('is undefined when absent or garbage', () => {
    expect(parseRetryAfter(headers({}), NOW)).toBeUndefined();
    expect(parseRetryAfter(headers({ 'retry-after': 'later, maybe' }), NOW)).toBeUndefined();
    expect(parseRetryAfter(headers({ 'retry-after': '-5' }), NOW)).toBeUndefined();
  });

  it('turns any whole number of seconds into that many thousand ms', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seconds) => {
        expect(parseRetryAfter(headers({ 'retry-after': String(seconds) }), NOW)).toBe(seconds * 1000);
      }),
    );
  });

  it('round-trips any future HTTP date to the wait until it (to the second)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 86_400 }), (seconds) => {
        const date = new Date(NOW + seconds * 1000).toUTCString();
        expect(parseRetryAfter(headers({ 'retry-after': date }), NOW)).toBe(seconds * 1000);
      }),
    );
  });

  it('never throws and never answers a negative or non-finite wait, whatever the header says', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (ms, after) => {
        const init: Record<string, string> = {};
        // Headers reject some characters outright; those never reach us from a real response.
        try {
          new Headers({ a: ms, b: after });
          init['retry-after-ms'] = ms;
          init['retry-after'] = after;
        } catch {
          return;
        }
        const wait = parseRetryAfter(headers(init), NOW);
        if (wait !== undefined) {
          expect(Number.isFinite(wait)).toBe(true);
          expect(wait).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});
