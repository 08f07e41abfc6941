import { randomUUID } from 'node:crypto';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Identity, KeyLimits } from '@/lib/access/identity';
import type { Refusal } from '@/lib/server/refusal';
import type { Admission, AdmissionRequest, RunAdmission } from '@/lib/server/run-admission';
import { effectiveLimits } from './effective-limits';
import { budgetExhausted, limitsUnavailable, rateLimited, tooManyRuns } from './limit-refusals';
import type { LimitsLedger } from './limits-ledger';
import { actualMicroUsd, limitMicroUsd, reserveMicroUsd, usdOf } from './micro-usd';
import { settleUntilDone } from './settle-until-done';
import { usageReport, type UsageReport } from './usage-report';
import { withDeadline } from './with-deadline';
import { utcDayOf, utcMonthOf } from './utc-periods';

/** Longer than any run can last (its stage deadlines plus a detach grace): a hold lapses only if nobody settles. */
export const DEFAULT_HOLD_MS = 30 * 60_000;
/** How long an admission may wait on the ledger before the run is refused as `limits_unavailable`. */
export const DEFAULT_LEDGER_TIMEOUT_MS = 2_000;

export interface KeyLimitsAdmissionOptions {
  /** `memory` or `redis`: what /api/health reports. */
  kind: 'memory' | 'redis';
  ledger: LimitsLedger;
  /** The runs-per-minute counter for a given rpm (rate-limiter-flexible, memory or Redis). */
  rateLimiter(rpm: number): RateLimiterAbstract;
  /** The config file's `limits`: defaults for what a key leaves out. */
  defaults: KeyLimits;
  /** Wall clock, ms (UTC periods). */
  now?: () => number;
  holdMs?: number;
  /** Default DEFAULT_LEDGER_TIMEOUT_MS. */
  timeoutMs?: number;
  /** True while the shared store is reachable (always, in memory). */
  ready?: () => boolean;
  log?: (message: string) => void;
}

/** What /api/health reports about the per-key limits. */
export interface LimitsHealth {
  kind: 'memory' | 'redis';
  ok: boolean;
}

/**
 * Per-key limits and budgets (DESIGN.md §5) over a ledger (memory or Redis): a run is let in when its key is
 * under its runs-per-minute, its runs in flight and both budgets with its worst case reserved. Any failure of
 * the ledger refuses the run with 503 `limits_unavailable` (fail closed: an unchecked run could overspend).
 */
export class KeyLimitsAdmission implements RunAdmission {
  private readonly limiters = new Map<number, RateLimiterAbstract>();
  private readonly now: () => number;
  private readonly log: (message: string) => void;

  constructor(private readonly options: KeyLimitsAdmissionOptions) {
    this.now = options.now ?? Date.now;
    this.log = options.log ?? ((message) => console.warn(message));
  }

  async admit(request: AdmissionRequest): Promise<{ ok: true; admission: Admission } | { ok: false; refusal: Refusal }> {
    const limits = effectiveLimits(request.identity, this.options.defaults);
    if (!limits) return { ok: true, admission: { settle: async () => undefined } };
    const { keyId } = limits;
    const limiter = limits.rpm === undefined ? undefined : this.limiterFor(limits.rpm);
    try {
      // A started run counts against the rate even if it is cancelled later; a refused one gives its point back.
      if (limiter) await withDeadline(limiter.consume(keyId), this.timeoutMs, 'The rate limiter');
    } catch (error) {
      if (error instanceof RateLimiterRes) return { ok: false, refusal: rateLimited(limits.rpm ?? 0, error.msBeforeNext) };
      return this.unavailable(error);
    }

    const nowMs = this.now();
    const admissionId = randomUUID();
    const amountMicro = reserveMicroUsd(request.worstCaseUsd);
    try {
      const reserving = this.options.ledger.reserve({
        keyId,
        admissionId,
        nowMs,
        holdUntilMs: nowMs + (this.options.holdMs ?? DEFAULT_HOLD_MS),
        amountMicro,
        day: utcDayOf(nowMs),
        month: utcMonthOf(nowMs),
        ...(limits.concurrent === undefined ? {} : { concurrent: limits.concurrent }),
        ...(limits.dailyUsd === undefined ? {} : { dailyMicro: limitMicroUsd(limits.dailyUsd) }),
        ...(limits.monthlyUsd === undefined ? {} : { monthlyMicro: limitMicroUsd(limits.monthlyUsd) }),
      });
      const verdict = await withDeadline(reserving, this.timeoutMs, 'The limits ledger').catch((error: unknown) => {
        // The reservation may still land after we gave up on it: release it. Redis runs one connection's commands
        // in order, so this settlement runs after the reservation it undoes (a no-op if it never landed).
        void this.release(keyId, admissionId);
        throw error;
      });
      if (!verdict.ok) {
        await limiter?.reward(keyId).catch(() => undefined);
        if (verdict.reason === 'too_many_runs') return { ok: false, refusal: tooManyRuns(limits.concurrent ?? 0) };
        const period = verdict.reason === 'daily_budget' ? 'day' : 'month';
        const limitUsd = (period === 'day' ? limits.dailyUsd : limits.monthlyUsd) ?? 0;
        return { ok: false, refusal: budgetExhausted(period, limitUsd, usdOf(amountMicro), nowMs) };
      }
    } catch (error) {
      await limiter?.reward(keyId).catch(() => undefined);
      return this.unavailable(error);
    }
    return { ok: true, admission: this.admission(keyId, admissionId, amountMicro) };
  }

  /** The caller's limits and what is left of them (GET /api/usage). Throws while the ledger is unreachable. */
  async usage(identity: Identity): Promise<UsageReport> {
    const limits = effectiveLimits(identity, this.options.defaults);
    if (!limits) return { limited: false };
    const nowMs = this.now();
    const reading = this.options.ledger.snapshot(limits.keyId, utcDayOf(nowMs), utcMonthOf(nowMs), nowMs);
    const snapshot = await withDeadline(reading, this.timeoutMs, 'The limits ledger');
    return usageReport(limits, snapshot, nowMs);
  }

  health(): LimitsHealth {
    return { kind: this.options.kind, ok: this.options.ready?.() ?? true };
  }

  private admission(keyId: string, admissionId: string, reservedMicro: number): Admission {
    let settled = false;
    return {
      settle: async (actualUsd: number) => {
        if (settled) return;
        settled = true;
        const actualMicro = actualMicroUsd(actualUsd);
        if (actualMicro > reservedMicro) {
          // The rule of limits-ledger.ts: never charged beyond the reservation, so said out loud instead.
          this.log(
            `A run of key ${keyId} cost $${usdOf(actualMicro)}, above its reserved worst case of $${usdOf(reservedMicro)}; the budget counts the reservation.`,
          );
        }
        await settleUntilDone(() => this.options.ledger.settle(keyId, admissionId, actualMicro), {
          giveUpAfterMs: this.options.holdMs ?? DEFAULT_HOLD_MS,
          log: this.log,
        });
      },
    };
  }

  private release(keyId: string, admissionId: string): Promise<void> {
    return settleUntilDone(() => this.options.ledger.settle(keyId, admissionId, 0), {
      giveUpAfterMs: this.options.holdMs ?? DEFAULT_HOLD_MS,
      log: () => undefined,
    });
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? DEFAULT_LEDGER_TIMEOUT_MS;
  }

  private limiterFor(rpm: number): RateLimiterAbstract {
    let limiter = this.limiters.get(rpm);
    if (!limiter) {
      limiter = this.options.rateLimiter(rpm);
      this.limiters.set(rpm, limiter);
    }
    return limiter;
  }

  private unavailable(error: unknown): { ok: false; refusal: Refusal } {
    this.log(`Per-key limits unavailable, refusing the run: ${error instanceof Error ? error.message : String(error)}`);
    return { ok: false, refusal: limitsUnavailable() };
  }
}
