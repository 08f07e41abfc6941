import { describe, expect, it } from 'vitest';
import { budgetSummary, parseUsageReport } from '@/lib/client/budget-summary';
import { errorFromResponse } from '@/lib/client/council-stream-error';
import { describeStreamFailure, formatWait } from '@/lib/client/describe-stream-failure';
import { budgetExhausted, rateLimited, tooManyRuns } from '@/lib/limits/limit-refusals';
import { refusalResponse } from '@/lib/server/refusal';

describe('a refused question says why and when to retry', () => {
  it('keeps the server’s reason and turns a budget’s Retry-After into hours', async () => {
    const now = Date.UTC(2026, 10, 30, 18);
    const error = await errorFromResponse(refusalResponse(budgetExhausted('day', 2, 0.4, now)));
    expect(error).toMatchObject({ status: 429, code: 'budget_exhausted', retryAfterSeconds: 6 * 3600 });
    const text = describeStreamFailure(error);
    expect(text).toMatch(/daily budget of \$2\.00/);
    expect(text).toMatch(/renews at 2026-12-01T00:00:00Z/);
    expect(text).toMatch(/Try again in about 6 h/);
  });

  it('gives the wait of a rate limit and of a full set of runs in flight', async () => {
    const limited = describeStreamFailure(await errorFromResponse(refusalResponse(rateLimited(5, 42_000))));
    expect(limited).toMatch(/5 runs per minute.*Retry in about 42 s\./);
    const busy = describeStreamFailure(await errorFromResponse(refusalResponse(tooManyRuns(2))));
    expect(busy).toMatch(/2 runs in flight.*Retry in about 5 s\./);
  });

  it('reads waits as a person would', () => {
    expect(formatWait(1)).toBe('1 s');
    expect(formatWait(89)).toBe('89 s');
    expect(formatWait(600)).toBe('10 min');
    expect(formatWait(6 * 3600)).toBe('6 h');
    expect(formatWait(20 * 86_400)).toBe('20 days');
  });
});

describe('budget meter line', () => {
  const report = {
    limited: true as const,
    limits: { dailyUsd: 2, monthlyUsd: 20, concurrent: 3 },
    inFlight: 1,
    day: { spentUsd: 1.5, reservedUsd: 0.5, remainingUsd: 0, limitUsd: 2, resetsAt: '2026-12-01T00:00:00.000Z' },
    month: { spentUsd: 1.5, reservedUsd: 0.5, remainingUsd: 18, limitUsd: 20, resetsAt: '2026-12-01T00:00:00.000Z' },
  };

  it('shows what is left today, this month and in flight, and flags an exhausted budget', () => {
    expect(budgetSummary(report)).toEqual({
      text: 'Budget: $0 of $2.00 left today · $18.00 of $20.00 this month · 1 of 3 runs in flight',
      exhausted: true,
    });
  });

  it('shows nothing in personal mode nor for a key limited only by rate', () => {
    expect(budgetSummary({ limited: false })).toBeNull();
    const rateOnly = {
      ...report,
      limits: { rpm: 5 },
      day: { ...report.day, remainingUsd: null, limitUsd: null },
      month: { ...report.month, remainingUsd: null, limitUsd: null },
    };
    expect(budgetSummary(rateOnly)).toBeNull();
  });

  it('ignores a body that is not a usage report', () => {
    expect(parseUsageReport('<html>')).toBeNull();
    expect(parseUsageReport({ limited: true })).toBeNull();
    expect(parseUsageReport({ limited: false })).toEqual({ limited: false });
    expect(parseUsageReport(report)).toEqual(report);
  });
});
