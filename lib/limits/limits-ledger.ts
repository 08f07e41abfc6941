/**
 * Where runs in flight and budget reservations are kept: one process's memory, or Redis shared by every
 * instance (DESIGN.md §7). Both do the same thing, atomically per call: sweep reservations whose hold lapsed
 * (charging their full reservation, since the run may have spent up to it), check, then reserve.
 *
 * The never-overspent rule: a run is let in only if what is spent, plus what is reserved, plus its own worst
 * case fits the day's and the month's budget; when it settles, the reservation is replaced by
 * min(actual, reservation). So the settled sum of a period can never exceed its budget, whatever the
 * concurrency, the order of settlements or the accuracy of any estimate. An actual cost above the reservation
 * (an estimate the provider beat) is reported by the caller, never charged beyond it.
 */

export interface ReserveRequest {
  keyId: string;
  admissionId: string;
  nowMs: number;
  /** When the hold lapses if the run never settles (a crashed instance): the slot frees, the worst case is charged. */
  holdUntilMs: number;
  amountMicro: number;
  day: string;
  month: string;
  /** Limits; undefined means none. */
  concurrent?: number;
  dailyMicro?: number;
  monthlyMicro?: number;
}

export type ReserveResult = { ok: true } | { ok: false; reason: 'too_many_runs' | 'daily_budget' | 'monthly_budget' };

/** A key's state as /api/usage shows it. */
export interface LedgerSnapshot {
  inFlight: number;
  daySpentMicro: number;
  dayReservedMicro: number;
  monthSpentMicro: number;
  monthReservedMicro: number;
}

export interface LimitsLedger {
  reserve(request: ReserveRequest): Promise<ReserveResult>;
  /** Replaces the reservation by min(actual, reserved) and frees the slot; a no-op once settled or lapsed. */
  settle(keyId: string, admissionId: string, actualMicro: number): Promise<void>;
  snapshot(keyId: string, day: string, month: string, nowMs: number): Promise<LedgerSnapshot>;
}

/** Which budget refuses first: the month's when both are spent, since its wait is the longer one. */
export function budgetVerdict(
  request: ReserveRequest,
  spent: { day: number; month: number },
  reserved: { day: number; month: number },
): ReserveResult {
  if (request.monthlyMicro !== undefined && spent.month + reserved.month + request.amountMicro > request.monthlyMicro) {
    return { ok: false, reason: 'monthly_budget' };
  }
  if (request.dailyMicro !== undefined && spent.day + reserved.day + request.amountMicro > request.dailyMicro) {
    return { ok: false, reason: 'daily_budget' };
  }
  return { ok: true };
}
