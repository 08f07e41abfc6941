import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PERSONAL } from '@/lib/access/identity';
import type { RunAdmissionOptions } from '@/lib/limits/create-run-admission';
import type { KeyLimitsAdmission } from '@/lib/limits/key-limits-admission';
import type { Admission } from '@/lib/server/run-admission';
import { keyIdentity } from '../../support/limits/key-identity';

/** How an implementation is built for the suite: each `make` gives an admission with its own clean state. */
export interface AdmissionFactory {
  make(options: RunAdmissionOptions): KeyLimitsAdmission;
  close?(): Promise<void>;
}

/** 2026-11-30 18:00:00 UTC: six hours before the day rolls over, a day before the month does. */
export const EVENING = Date.UTC(2026, 10, 30, 18, 0, 0);

/** One suite, every implementation (memory, Redis): DESIGN.md §5's limits behave the same on both. */
export function runAdmissionContract(name: string, open: () => Promise<AdmissionFactory>): void {
  describe(`RunAdmission contract: ${name}`, () => {
    let factory: AdmissionFactory;
    beforeAll(async () => {
      factory = await open();
    });
    afterAll(async () => {
      await factory?.close?.();
    });

    const clock = (start = EVENING) => {
      let now = start;
      return { now: () => now, set: (ms: number) => (now = ms), advance: (ms: number) => (now += ms) };
    };
    const admitOk = async (admission: KeyLimitsAdmission, identity = keyIdentity(), worstCaseUsd = 0): Promise<Admission> => {
      const result = await admission.admit({ identity, tier: 'balanced', worstCaseUsd });
      if (!result.ok) throw new Error(`refused: ${result.refusal.code}`);
      return result.admission;
    };

    it('never limits personal mode, whatever the defaults', async () => {
      const admission = factory.make({ defaults: { rpm: 1, concurrent: 1, dailyUsd: 0 } });
      for (let i = 0; i < 5; i += 1) {
        const result = await admission.admit({ identity: PERSONAL, tier: 'balanced', worstCaseUsd: 10 });
        expect(result.ok).toBe(true);
      }
      expect(await admission.usage(PERSONAL)).toEqual({ limited: false });
    });

    it('takes the config defaults for what a key leaves out, and the key’s own limits over them', async () => {
      const admission = factory.make({ defaults: { concurrent: 1 } });
      const defaulted = keyIdentity();
      await admitOk(admission, defaulted);
      expect((await admission.admit({ identity: defaulted, tier: 't', worstCaseUsd: 0 })).ok).toBe(false);
      const own = keyIdentity({ concurrent: 3 });
      for (let i = 0; i < 3; i += 1) await admitOk(admission, own);
      const fourth = await admission.admit({ identity: own, tier: 't', worstCaseUsd: 0 });
      expect(fourth.ok ? null : fourth.refusal.code).toBe('too_many_runs');
    });

    it('refuses the run after `rpm` starts with 429 rate_limited and a Retry-After within the minute; a cancelled run counts', async () => {
      const admission = factory.make({ defaults: {} });
      const identity = keyIdentity({ rpm: 3 });
      for (let i = 0; i < 3; i += 1) await (await admitOk(admission, identity)).settle(0);
      const refused = await admission.admit({ identity, tier: 't', worstCaseUsd: 0 });
      expect(refused.ok).toBe(false);
      if (refused.ok) return;
      expect(refused.refusal).toMatchObject({ status: 429, code: 'rate_limited' });
      expect(refused.refusal.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(refused.refusal.retryAfterSeconds).toBeLessThanOrEqual(60);
    });

    it('holds at most `concurrent` runs in flight, and a settled run frees its slot', async () => {
      const admission = factory.make({ defaults: {} });
      const identity = keyIdentity({ concurrent: 2 });
      const first = await admitOk(admission, identity);
      await admitOk(admission, identity);
      const refused = await admission.admit({ identity, tier: 't', worstCaseUsd: 0 });
      expect(refused.ok ? null : refused.refusal).toMatchObject({ status: 429, code: 'too_many_runs' });
      expect(refused.ok ? 0 : refused.refusal.retryAfterSeconds).toBeGreaterThan(0);
      await first.settle(0);
      await admitOk(admission, identity);
    });

    it('reserves the worst case against the daily budget and refuses with Retry-After until UTC midnight', async () => {
      const time = clock();
      const admission = factory.make({ defaults: {}, now: time.now });
      const identity = keyIdentity({ dailyUsd: 1 });
      await admitOk(admission, identity, 0.4);
      await admitOk(admission, identity, 0.4);
      const refused = await admission.admit({ identity, tier: 't', worstCaseUsd: 0.4 });
      expect(refused.ok ? null : refused.refusal).toMatchObject({
        status: 429,
        code: 'budget_exhausted',
        retryAfterSeconds: 6 * 3600,
      });
      // What is left still fits a smaller run.
      await admitOk(admission, identity, 0.2);
    });

    it('replaces the reservation by the actual cost when the run settles', async () => {
      const time = clock();
      const admission = factory.make({ defaults: {}, now: time.now });
      const identity = keyIdentity({ dailyUsd: 1 });
      const run = await admitOk(admission, identity, 0.9);
      expect((await admission.admit({ identity, tier: 't', worstCaseUsd: 0.2 })).ok).toBe(false);
      await run.settle(0.1);
      await admitOk(admission, identity, 0.8);
      const usage = await admission.usage(identity);
      expect(usage).toMatchObject({ limited: true, inFlight: 1, day: { spentUsd: 0.1, reservedUsd: 0.8, limitUsd: 1 } });
      if (usage.limited) expect(usage.day.remainingUsd).toBeCloseTo(0.1, 9);
    });

    it('never charges more than the reservation, and settles once', async () => {
      const time = clock();
      const logs: string[] = [];
      const admission = factory.make({ defaults: {}, now: time.now, log: (m) => logs.push(m) });
      const identity = keyIdentity({ dailyUsd: 10 });
      const run = await admitOk(admission, identity, 1);
      await run.settle(5);
      await run.settle(3);
      expect(await admission.usage(identity)).toMatchObject({ inFlight: 0, day: { spentUsd: 1, reservedUsd: 0 } });
      expect(logs.some((line) => /above its reserved worst case/.test(line))).toBe(true);
    });

    it('renews the daily budget when the UTC day rolls over, but not the monthly one until the month does', async () => {
      const time = clock();
      const admission = factory.make({ defaults: {}, now: time.now });
      const identity = keyIdentity({ dailyUsd: 1, monthlyUsd: 1.5 });
      await (await admitOk(admission, identity, 1)).settle(1);
      expect((await admission.admit({ identity, tier: 't', worstCaseUsd: 0.1 })).ok).toBe(false);
      time.set(Date.UTC(2026, 11, 1, 0, 0, 0) - 1);
      expect((await admission.admit({ identity, tier: 't', worstCaseUsd: 0.1 })).ok).toBe(false);
      // 1 December: a new day and a new month.
      time.set(Date.UTC(2026, 11, 1, 0, 0, 0));
      await (await admitOk(admission, identity, 1)).settle(1);
      time.set(Date.UTC(2026, 11, 2, 9, 0, 0));
      await (await admitOk(admission, identity, 0.5)).settle(0.5);
      const refused = await admission.admit({ identity, tier: 't', worstCaseUsd: 0.1 });
      // The month (1.5 spent) refuses, and its wait is until 1 January.
      expect(refused.ok ? null : refused.refusal).toMatchObject({
        code: 'budget_exhausted',
        retryAfterSeconds: (Date.UTC(2027, 0, 1) - Date.UTC(2026, 11, 2, 9)) / 1000,
      });
    });

    it('counts a run’s cost against the day it was admitted, even if it settles after midnight', async () => {
      const time = clock(Date.UTC(2026, 10, 29, 23, 59, 0));
      const admission = factory.make({ defaults: {}, now: time.now });
      const identity = keyIdentity({ dailyUsd: 1 });
      const run = await admitOk(admission, identity, 0.8);
      time.set(Date.UTC(2026, 10, 30, 0, 5, 0));
      await run.settle(0.7);
      expect(await admission.usage(identity)).toMatchObject({ day: { spentUsd: 0, reservedUsd: 0 }, month: { spentUsd: 0.7 } });
    });

    it('gives back the rpm point of a run the budget refused (a refused run never started)', async () => {
      const admission = factory.make({ defaults: {} });
      const identity = keyIdentity({ rpm: 2, dailyUsd: 1 });
      for (let i = 0; i < 5; i += 1) expect((await admission.admit({ identity, tier: 't', worstCaseUsd: 2 })).ok).toBe(false);
      await admitOk(admission, identity, 0.1);
      await admitOk(admission, identity, 0.1);
    });

    it('frees the slot of a run nobody settled once its hold lapses, charging its whole worst case', async () => {
      const time = clock();
      const admission = factory.make({ defaults: {}, now: time.now, holdMs: 60_000 });
      const identity = keyIdentity({ concurrent: 1, dailyUsd: 1 });
      await admitOk(admission, identity, 0.3);
      expect((await admission.admit({ identity, tier: 't', worstCaseUsd: 0.1 })).ok).toBe(false);
      time.advance(60_001);
      await admitOk(admission, identity, 0.1);
      expect(await admission.usage(identity)).toMatchObject({ inFlight: 1, day: { spentUsd: 0.3, reservedUsd: 0.1 } });
    });

    it('lets exactly as many concurrent runs in as the budget holds (check and reserve are atomic)', async () => {
      const admission = factory.make({ defaults: {} });
      const identity = keyIdentity({ dailyUsd: 1 });
      const results = await Promise.all(
        Array.from({ length: 20 }, () => admission.admit({ identity, tier: 't', worstCaseUsd: 0.15 })),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(6);
      expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.refusal.code))).toEqual(Array(14).fill('budget_exhausted'));
    });

    it('keeps every limit at every step of any sequence of admissions, settlements and days passing (property, fake clock)', async () => {
      type Op = { kind: 'admit'; worstCase: number } | { kind: 'settle'; index: number; share: number } | { kind: 'advance'; ms: number };
      const op: fc.Arbitrary<Op> = fc.oneof(
        fc.record({ kind: fc.constant('admit' as const), worstCase: fc.oneof(fc.constantFrom(0, 0.2, 0.35, 0.4), fc.integer({ min: 0, max: 400_000 }).map((m) => m / 1e6)) }),
        fc.record({ kind: fc.constant('settle' as const), index: fc.nat(30), share: fc.integer({ min: 0, max: 150 }).map((p) => p / 100) }),
        fc.record({ kind: fc.constant('advance' as const), ms: fc.oneof(fc.integer({ min: 0, max: 3 * 3600_000 }), fc.integer({ min: 0, max: 40 * 3600_000 })) }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(op, { maxLength: 40 }), async (ops) => {
          const time = clock(Date.UTC(2026, 10, 29, 20));
          const admission = factory.make({ defaults: {}, now: time.now, holdMs: 24 * 3600_000, log: () => undefined });
          const limits = { concurrent: 3, dailyUsd: 1, monthlyUsd: 2.5 };
          const identity = keyIdentity(limits);
          const open: Admission[] = [];
          for (const step of ops) {
            if (step.kind === 'advance') time.advance(step.ms);
            else if (step.kind === 'settle' && open.length > 0) {
              const [run] = open.splice(step.index % open.length, 1);
              await run.settle(step.share * 0.4);
            } else if (step.kind === 'admit') {
              const result = await admission.admit({ identity, tier: 't', worstCaseUsd: step.worstCase });
              if (result.ok) open.push(result.admission);
              else expect(['too_many_runs', 'budget_exhausted']).toContain(result.refusal.code);
            }
            const usage = await admission.usage(identity);
            if (!usage.limited) throw new Error('expected a limited key');
            expect(usage.inFlight).toBeLessThanOrEqual(limits.concurrent);
            expect(usage.day.spentUsd + usage.day.reservedUsd).toBeLessThanOrEqual(limits.dailyUsd + 1e-9);
            expect(usage.month.spentUsd + usage.month.reservedUsd).toBeLessThanOrEqual(limits.monthlyUsd + 1e-9);
          }
        }),
        { numRuns: 100 },
      );
    });

    it('never lets the settled sum exceed the budget, for any costs, concurrency and settlement order (property)', async () => {
      // Integers scaled down: fc.double favours tiny and extreme values, which would make most runs free.
      const run = fc.record({
        worstCase: fc.integer({ min: 0, max: 500_000 }).map((micro) => micro / 1e6),
        spentShare: fc.integer({ min: 0, max: 200 }).map((percent) => percent / 100),
      });
      const budgets = fc.integer({ min: 10_000, max: 2_000_000 }).map((micro) => micro / 1e6);
      await fc.assert(
        fc.asyncProperty(fc.array(run, { minLength: 1, maxLength: 25 }), budgets, async (runs, budget) => {
          const admission = factory.make({ defaults: {}, log: () => undefined });
          const identity = keyIdentity({ dailyUsd: budget, monthlyUsd: budget });
          const results = await Promise.all(runs.map((r) => admission.admit({ identity, tier: 't', worstCaseUsd: r.worstCase })));
          // Settle in reverse order, each at a share of its worst case that may go above it.
          await Promise.all(
            results.map((result, i) => (result.ok ? result.admission.settle(runs[i].worstCase * runs[i].spentShare) : undefined)).reverse(),
          );
          const usage = await admission.usage(identity);
          if (!usage.limited) throw new Error('expected a limited key');
          expect(usage.inFlight).toBe(0);
          expect(usage.day.spentUsd).toBeLessThanOrEqual(budget + 1e-9);
          expect(usage.month.spentUsd).toBeLessThanOrEqual(budget + 1e-9);
          // And the budget is used, not merely refused: every run that fitted was let in.
          if (runs[0].worstCase <= budget) expect(results[0].ok).toBe(true);
        }),
        { numRuns: 40 },
      );
    });
  });
}
