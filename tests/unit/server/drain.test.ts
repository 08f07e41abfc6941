import { afterEach, describe, expect, it, vi } from 'vitest';
import { RunCancellation } from '@/lib/council/run-cancellation';

vi.mock('server-only', () => ({}));

const { LiveRuns } = await import('@/lib/server/live-runs');
const { drain } = await import('@/lib/server/drain');
const { isDraining, stopDraining } = await import('@/lib/server/drain-state');

afterEach(() => stopDraining());

/** A live run that ends by itself after `endsAfterMs` (never when null), or when cancelled. */
function fakeRun(runId: string, endsAfterMs: number | null) {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const cancelledWith: RunCancellation[] = [];
  if (endsAfterMs !== null) setTimeout(() => finish(), endsAfterMs);
  return {
    run: { runId, ownerKeyId: null, source: 'web' as const, done, cancel: (reason: RunCancellation) => (cancelledWith.push(reason), finish()) },
    cancelledWith,
  };
}

describe('drain', () => {
  it('lets runs that finish in time finish, cancels the rest with reason shutdown, then closes store and Redis', async () => {
    const runs = new LiveRuns();
    const quick = fakeRun('quick', 20);
    const endless = fakeRun('endless', null);
    runs.add(quick.run);
    runs.add(endless.run);
    const order: string[] = [];
    const outcome = await drain({
      liveRuns: runs,
      drainMs: 300,
      closeStore: async () => void order.push(`store (live ${runs.size})`),
      closeRedis: async () => void order.push('redis'),
      log: () => undefined,
    });
    expect(isDraining()).toBe(true);
    expect(outcome).toEqual({ finished: 1, cancelled: 1 });
    expect(quick.cancelledWith).toEqual([]);
    expect(endless.cancelledWith.map((c) => c.reason)).toEqual(['shutdown']);
    expect(order).toEqual(['store (live 0)', 'redis']);
  });

  it('cancels nothing when every run ends within the drain time, and survives a failing close', async () => {
    const runs = new LiveRuns();
    const one = fakeRun('one', 10);
    runs.add(one.run);
    const logs: string[] = [];
    const outcome = await drain({
      liveRuns: runs,
      drainMs: 5_000,
      closeStore: async () => {
        throw new Error('disk gone');
      },
      closeRedis: async () => undefined,
      log: (m) => logs.push(m),
    });
    expect(outcome).toEqual({ finished: 1, cancelled: 0 });
    expect(one.cancelledWith).toEqual([]);
    expect(logs.some((m) => m.includes('disk gone'))).toBe(true);
  });
});
