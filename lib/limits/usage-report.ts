import type { KeyLimits } from '@/lib/access/identity';
import type { LedgerSnapshot } from './limits-ledger';
import { usdOf } from './micro-usd';
import { nextUtcDayStart, nextUtcMonthStart } from './utc-periods';

/** One budget period as GET /api/usage reports it. */
export interface PeriodUsage {
  /** Settled cost of the runs admitted in this period. */
  spentUsd: number;
  /** Worst cases held by runs still in flight. */
  reservedUsd: number;
  /** What a new run may still reserve; null when this period has no budget. */
  remainingUsd: number | null;
  limitUsd: number | null;
  /** When the period rolls over (ISO 8601, UTC). */
  resetsAt: string;
}

/** GET /api/usage: the caller's limits and what is left of them; `{ limited: false }` in personal mode. */
export type UsageReport =
  | { limited: false }
  | { limited: true; limits: KeyLimits; inFlight: number; day: PeriodUsage; month: PeriodUsage };

export function usageReport(limits: KeyLimits, snapshot: LedgerSnapshot, nowMs: number): UsageReport {
  const period = (spent: number, reserved: number, limitUsd: number | undefined, resetsAt: number): PeriodUsage => ({
    spentUsd: usdOf(spent),
    reservedUsd: usdOf(reserved),
    remainingUsd: limitUsd === undefined ? null : Math.max(0, limitUsd - usdOf(spent + reserved)),
    limitUsd: limitUsd ?? null,
    resetsAt: new Date(resetsAt).toISOString(),
  });
  const { rpm, concurrent, dailyUsd, monthlyUsd } = limits;
  return {
    limited: true,
    limits: { rpm, concurrent, dailyUsd, monthlyUsd },
    inFlight: snapshot.inFlight,
    day: period(snapshot.daySpentMicro, snapshot.dayReservedMicro, dailyUsd, nextUtcDayStart(nowMs)),
    month: period(snapshot.monthSpentMicro, snapshot.monthReservedMicro, monthlyUsd, nextUtcMonthStart(nowMs)),
  };
}
