import { afterEach, describe, expect, it, vi } from 'vitest';
import { PERSONAL } from '@/lib/access/identity';
import { KeyLimitsAdmission } from '@/lib/limits/key-limits-admission';
import type { LimitsLedger } from '@/lib/limits/limits-ledger';
import { createMemoryRunAdmission } from '@/lib/limits/create-run-admission';
import { usageResponse } from '@/lib/limits/usage-response';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { keyIdentity } from '../../support/limits/key-identity';
import { councilRequest, fastSimModel, loadRoutes, readEvents } from '../api/route-harness';

vi.mock('server-only', () => ({}));

let cleanup: () => Promise<void> = async () => undefined;
afterEach(() => cleanup());

const LIMITED_DEFAULTS = {
  models: [fastSimModel('sim-a'), fastSimModel('sim-b')],
  tiers: [{ id: 'fast', council: ['sim-a', 'sim-b'], chairman: 'sim-a' }],
  defaultTier: 'fast',
  limits: { rpm: 1, concurrent: 1, dailyUsd: 0 },
};

describe('GET /api/usage and the limits of personal mode', () => {
  it('answers { limited: false } in personal mode, and personal runs ignore the config’s limits', async () => {
    const loaded = await loadRoutes(LIMITED_DEFAULTS);
    cleanup = loaded.cleanup;
    const usage = await import('@/app/api/usage/route');
    const response = await usage.GET(new Request('http://localhost/api/usage'));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ limited: false });
    // rpm 1, concurrent 1 and a zero budget would refuse the second run of a key: personal mode is never limited.
    for (let i = 0; i < 2; i += 1) {
      const council = await loaded.council.POST(councilRequest({ question: `q${i}` }));
      expect(council.status).toBe(200);
      expect((await readEvents(council)).events.at(-1)?.type).toBe('run.completed');
    }
  });

  it('rejects a config whose limits are malformed, naming the field', async () => {
    const loaded = await loadRoutes({ ...LIMITED_DEFAULTS, limits: { rpm: -1, weekly: 3 } });
    cleanup = loaded.cleanup;
    const response = await loaded.tiers.GET(new Request('http://localhost/api/tiers'));
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).toMatch(/limits/);
  });
});

describe('usageResponse', () => {
  it('reports a key’s limits, what is spent, held and left today and this month, and its runs in flight', async () => {
    const now = Date.UTC(2026, 10, 30, 12);
    const admission = createMemoryRunAdmission({ defaults: { monthlyUsd: 20 }, now: () => now });
    const identity = keyIdentity({ dailyUsd: 2, rpm: 10 });
    const done = await admission.admit({ identity, tier: 't', worstCaseUsd: 1 });
    if (done.ok) await done.admission.settle(0.25);
    await admission.admit({ identity, tier: 't', worstCaseUsd: 0.5 });
    const response = await usageResponse(admission, identity);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      limited: true,
      limits: { rpm: 10, dailyUsd: 2, monthlyUsd: 20 },
      inFlight: 1,
      day: { spentUsd: 0.25, reservedUsd: 0.5, remainingUsd: 1.25, limitUsd: 2, resetsAt: '2026-12-01T00:00:00.000Z' },
      month: { spentUsd: 0.25, reservedUsd: 0.5, remainingUsd: 19.25, limitUsd: 20, resetsAt: '2026-12-01T00:00:00.000Z' },
    });
  });

  it('answers 503 limits_unavailable with Retry-After when the ledger cannot be read', async () => {
    const broken: LimitsLedger = {
      reserve: () => Promise.reject(new Error('down')),
      settle: () => Promise.reject(new Error('down')),
      snapshot: () => Promise.reject(new Error('down')),
    };
    const admission = new KeyLimitsAdmission({
      kind: 'redis',
      ledger: broken,
      defaults: {},
      rateLimiter: (rpm) => new RateLimiterMemory({ points: rpm, duration: 60 }),
      log: () => undefined,
    });
    const response = await usageResponse(admission, keyIdentity({ dailyUsd: 1 }));
    expect(response.status).toBe(503);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await response.json()).toMatchObject({ code: 'limits_unavailable' });
    expect(await (await usageResponse(admission, PERSONAL)).json()).toEqual({ limited: false });
  });
});

describe('a ledger that stops answering', () => {
  it('refuses the run with 503 limits_unavailable after the timeout, and releases the reservation that lands late', async () => {
    let landReservation: (() => void) | undefined;
    const settled: [string, number][] = [];
    const hanging: LimitsLedger = {
      reserve: () => new Promise((resolve) => (landReservation = () => resolve({ ok: true }))),
      settle: async (_keyId, admissionId, actual) => {
        settled.push([admissionId, actual]);
      },
      snapshot: () => new Promise(() => undefined),
    };
    const admission = new KeyLimitsAdmission({
      kind: 'redis',
      ledger: hanging,
      defaults: {},
      timeoutMs: 50,
      rateLimiter: (rpm) => new RateLimiterMemory({ points: rpm, duration: 60 }),
      log: () => undefined,
    });
    const identity = keyIdentity({ dailyUsd: 1 });
    const refused = await admission.admit({ identity, tier: 't', worstCaseUsd: 0.5 });
    expect(refused.ok ? null : refused.refusal).toMatchObject({ status: 503, code: 'limits_unavailable' });
    // The release was asked for at once: a reservation that lands after the refusal is settled at nothing.
    expect(settled).toHaveLength(1);
    expect(settled[0][1]).toBe(0);
    landReservation?.();
    expect((await usageResponse(admission, identity)).status).toBe(503);
  });
});
