import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryRunAdmission } from '@/lib/limits/create-run-admission';
import { keyIdentity } from '../../support/limits/key-identity';

afterEach(() => {
  vi.useRealTimers();
});

describe('runs per minute (in memory, fake timers)', () => {
  it('lets the key start runs again once its minute has passed, and says how long until then', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 30, 12) });
    const admission = createMemoryRunAdmission({ defaults: {} });
    const identity = keyIdentity({ rpm: 2 });
    for (let i = 0; i < 2; i += 1) expect((await admission.admit({ identity, tier: 't', worstCaseUsd: 0 })).ok).toBe(true);
    vi.advanceTimersByTime(20_000);
    const refused = await admission.admit({ identity, tier: 't', worstCaseUsd: 0 });
    expect(refused.ok ? null : refused.refusal).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 40 });
    vi.advanceTimersByTime(40_001);
    expect((await admission.admit({ identity, tier: 't', worstCaseUsd: 0 })).ok).toBe(true);
  });
});
