/** An old run's events and what every store must read back once they are backfilled into the stats tables. */
import { expect } from 'vitest';
import type { Store } from '@/lib/store/store';
import { stamp } from './run-events-fixture';
import { statsRunBodies } from './stats-contract';

export const STARTED = Date.parse('2026-02-01T00:00:00Z');
export const events = stamp('old-run', statsRunBodies());
export const ALL = { kind: 'all' } as const;

/** What every store must read back after the upgrade. */
export async function expectBackfilled(store: Store): Promise<void> {
  const summary = await store.readStatsSummary({ since: new Date(STARTED - 1), scope: ALL });
  expect(summary.outcomes.map((o) => `${o.model}:${o.outcome}:${o.count}`).sort()).toEqual(['m-a:completed:1', 'm-b:completed:1', 'm-c:failed:1']);
  expect(summary.judges.map((j) => j.rankings)).toEqual([1, 1]);
  // The late aggregate replaced the first one.
  expect(summary.placements.map((p) => [p.model, p.votes]).sort()).toEqual([['m-a', 2], ['m-b', 2]]);
}

