/**
 * The graceful shutdown of DESIGN.md §7, independent of Next and of signals so that tests drive it directly:
 * stop taking runs, let live runs finish for up to `drainMs`, cancel the rest with reason `shutdown` (their
 * streams and the store get `run.cancelled`, their upstream calls are closed), then close the store and Redis.
 */
import { RunCancellation } from '@/lib/council/run-cancellation';
import { startDraining } from './drain-state';
import type { LiveRuns } from './live-runs';

export const DEFAULT_DRAIN_MS = 25_000;
/** After cancelling, how long the runs get to record their end before closing goes ahead anyway. */
const CANCEL_SETTLE_MS = 5_000;

export interface DrainDeps {
  liveRuns: LiveRuns;
  drainMs: number;
  /** Flushes and closes the store (when it was opened); releases this instance's lease. */
  closeStore: () => Promise<void>;
  /** Closes the Redis connection (when there is one). */
  closeRedis: () => Promise<void>;
  log?: (message: string) => void;
}

export interface DrainOutcome {
  /** Runs that finished by themselves within the drain time. */
  finished: number;
  /** Runs cancelled with reason `shutdown`. */
  cancelled: number;
}

export async function drain(deps: DrainDeps): Promise<DrainOutcome> {
  const log = deps.log ?? ((message: string) => console.warn(message));
  startDraining();
  const live = deps.liveRuns.size;
  log(`Draining: ${live} live run(s) may finish for up to ${deps.drainMs} ms; new runs are refused.`);
  const idle = await deps.liveRuns.whenIdle(deps.drainMs);
  let cancelled = 0;
  if (!idle) {
    cancelled = deps.liveRuns.size;
    log(`Draining: cancelling ${cancelled} run(s) still live (reason shutdown).`);
    await withTimeout(deps.liveRuns.cancelAll(new RunCancellation('shutdown')), CANCEL_SETTLE_MS);
  }
  await deps.closeStore().catch((error: unknown) => log(`Draining: closing the store failed: ${messageOf(error)}`));
  await deps.closeRedis().catch((error: unknown) => log(`Draining: closing Redis failed: ${messageOf(error)}`));
  return { finished: Math.max(0, live - cancelled), cancelled };
}

async function withTimeout(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
