import { budgetVerdict, type LedgerSnapshot, type LimitsLedger, type ReserveRequest, type ReserveResult } from './limits-ledger';

interface Reservation {
  amount: number;
  day: string;
  month: string;
  expiresAt: number;
}

interface KeyState {
  reservations: Map<string, Reservation>;
  /** Settled micro-dollars by `day:YYYY-MM-DD` and `month:YYYY-MM`. */
  spent: Map<string, number>;
}

/** Periods kept per key: today and yesterday, this month and last (a run settles in the period it started). */
const KEEP_DAYS = 2;
const KEEP_MONTHS = 2;

/**
 * One process's ledger. JavaScript runs each call to completion without yielding, so check-and-reserve is atomic
 * without a lock; the same rules as the Redis script (limits-ledger.ts).
 */
export class MemoryLimitsLedger implements LimitsLedger {
  private readonly keys = new Map<string, KeyState>();

  async reserve(request: ReserveRequest): Promise<ReserveResult> {
    const state = this.stateOf(request.keyId);
    this.sweep(state, request.nowMs);
    if (request.concurrent !== undefined && state.reservations.size >= request.concurrent) {
      return { ok: false, reason: 'too_many_runs' };
    }
    const verdict = budgetVerdict(
      request,
      { day: spentOf(state, `day:${request.day}`), month: spentOf(state, `month:${request.month}`) },
      reservedOf(state, request.day, request.month),
    );
    if (!verdict.ok) return verdict;
    state.reservations.set(request.admissionId, {
      amount: request.amountMicro,
      day: request.day,
      month: request.month,
      expiresAt: request.holdUntilMs,
    });
    return verdict;
  }

  async settle(keyId: string, admissionId: string, actualMicro: number): Promise<void> {
    const state = this.keys.get(keyId);
    const reservation = state?.reservations.get(admissionId);
    if (!state || !reservation) return;
    state.reservations.delete(admissionId);
    charge(state, reservation, Math.min(Math.max(0, actualMicro), reservation.amount));
  }

  async snapshot(keyId: string, day: string, month: string): Promise<LedgerSnapshot> {
    const state = this.keys.get(keyId);
    if (!state) return { inFlight: 0, daySpentMicro: 0, dayReservedMicro: 0, monthSpentMicro: 0, monthReservedMicro: 0 };
    const reserved = reservedOf(state, day, month);
    return {
      inFlight: state.reservations.size,
      daySpentMicro: spentOf(state, `day:${day}`),
      dayReservedMicro: reserved.day,
      monthSpentMicro: spentOf(state, `month:${month}`),
      monthReservedMicro: reserved.month,
    };
  }

  private stateOf(keyId: string): KeyState {
    let state = this.keys.get(keyId);
    if (!state) {
      state = { reservations: new Map(), spent: new Map() };
      this.keys.set(keyId, state);
    }
    return state;
  }

  /** Lapsed holds are charged in full (the run may have spent up to it); old periods are forgotten. */
  private sweep(state: KeyState, nowMs: number): void {
    for (const [id, reservation] of state.reservations) {
      if (reservation.expiresAt > nowMs) continue;
      state.reservations.delete(id);
      charge(state, reservation, reservation.amount);
    }
    const days = [...state.spent.keys()].filter((k) => k.startsWith('day:')).sort();
    const months = [...state.spent.keys()].filter((k) => k.startsWith('month:')).sort();
    for (const old of [...days.slice(0, -KEEP_DAYS), ...months.slice(0, -KEEP_MONTHS)]) state.spent.delete(old);
  }
}

function charge(state: KeyState, reservation: Reservation, micro: number): void {
  for (const period of [`day:${reservation.day}`, `month:${reservation.month}`]) {
    state.spent.set(period, spentOf(state, period) + micro);
  }
}

function spentOf(state: KeyState, period: string): number {
  return state.spent.get(period) ?? 0;
}

function reservedOf(state: KeyState, day: string, month: string): { day: number; month: number } {
  const reserved = { day: 0, month: 0 };
  for (const reservation of state.reservations.values()) {
    if (reservation.day === day) reserved.day += reservation.amount;
    if (reservation.month === month) reserved.month += reservation.amount;
  }
  return reserved;
}
