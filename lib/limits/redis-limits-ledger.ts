import { createHash } from 'node:crypto';
import type { RedisClient } from '@/lib/redis/redis-connection';
import type { LedgerSnapshot, LimitsLedger, ReserveRequest, ReserveResult } from './limits-ledger';
import { RESERVE_SCRIPT, SETTLE_SCRIPT } from './ledger-scripts';

/** Settled periods outlive their period by a little, so a late settlement and /api/usage still find them. */
const DAY_TTL_SECONDS = 3 * 24 * 3600;
const MONTH_TTL_SECONDS = 63 * 24 * 3600;

/** The ledger in Redis, shared by every instance; each call is one atomic script (ledger-scripts.ts). */
export class RedisLimitsLedger implements LimitsLedger {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix = 'quorum:limits',
  ) {}

  async reserve(request: ReserveRequest): Promise<ReserveResult> {
    const verdict = await this.run(RESERVE_SCRIPT, [
      this.keyPrefix(request.keyId),
      String(request.nowMs),
      request.admissionId,
      String(request.holdUntilMs),
      String(request.amountMicro),
      request.day,
      request.month,
      String(request.concurrent ?? -1),
      String(request.dailyMicro ?? -1),
      String(request.monthlyMicro ?? -1),
      String(DAY_TTL_SECONDS),
      String(MONTH_TTL_SECONDS),
    ]);
    if (verdict === 'ok') return { ok: true };
    if (verdict === 'too_many_runs' || verdict === 'daily_budget' || verdict === 'monthly_budget') {
      return { ok: false, reason: verdict };
    }
    throw new Error(`Unexpected answer from the limits script: ${String(verdict)}`);
  }

  async settle(keyId: string, admissionId: string, actualMicro: number): Promise<void> {
    await this.run(SETTLE_SCRIPT, [
      this.keyPrefix(keyId),
      admissionId,
      String(Math.max(0, Math.round(actualMicro))),
      String(DAY_TTL_SECONDS),
      String(MONTH_TTL_SECONDS),
    ]);
  }

  async snapshot(keyId: string, day: string, month: string): Promise<LedgerSnapshot> {
    const prefix = this.keyPrefix(keyId);
    const [reservations, daySpent, monthSpent] = await Promise.all([
      this.client.hGetAll(`${prefix}:res`),
      this.client.get(`${prefix}:day:${day}`),
      this.client.get(`${prefix}:month:${month}`),
    ]);
    const snapshot: LedgerSnapshot = {
      inFlight: 0,
      daySpentMicro: Number(daySpent ?? 0),
      dayReservedMicro: 0,
      monthSpentMicro: Number(monthSpent ?? 0),
      monthReservedMicro: 0,
    };
    // A lapsed hold not yet swept still counts: the next reservation charges it in full.
    for (const value of Object.values(reservations)) {
      const [amount, resDay, resMonth] = value.split('|');
      snapshot.inFlight += 1;
      if (resDay === day) snapshot.dayReservedMicro += Number(amount);
      if (resMonth === month) snapshot.monthReservedMicro += Number(amount);
    }
    return snapshot;
  }

  private keyPrefix(keyId: string): string {
    return `${this.prefix}:{${keyId}}`;
  }

  /** EVALSHA, loading the script once per server (again after a restart: NOSCRIPT). */
  private async run(script: string, args: string[]): Promise<unknown> {
    const sha = shaOf(script);
    try {
      return await this.client.evalSha(sha, { arguments: args });
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return this.client.eval(script, { arguments: args });
    }
  }
}

const shas = new Map<string, string>();
function shaOf(script: string): string {
  let sha = shas.get(script);
  if (!sha) {
    sha = createHash('sha1').update(script).digest('hex');
    shas.set(script, sha);
  }
  return sha;
}
