import 'server-only';
import type { RunCancellation } from '@/lib/council/run-cancellation';

/** A run this process is executing, as the drain, the cancel route and the detach rule see it. */
export interface LiveRun {
  runId: string;
  /** The key that started it; null for personal mode. */
  ownerKeyId: string | null;
  source: RunSource;
  /** Aborts the run with this reason; every upstream call is closed and `run.cancelled` says why. */
  cancel(reason: RunCancellation): void;
  /** Resolves when the run's terminal event has been produced and recorded. */
  readonly done: Promise<void>;
}

/** Which front door started a run. */
export type RunSource = 'web' | 'api' | 'mcp';

/**
 * The runs this process is executing. One per process (kept on globalThis, like the service and the store):
 * shutdown cancels them all, and a cancel request finds a run here when this instance owns it.
 */
export class LiveRuns {
  private readonly runs = new Map<string, LiveRun>();

  /** Registers a run until its `done` settles. */
  add(run: LiveRun): void {
    this.runs.set(run.runId, run);
    void run.done.finally(() => {
      if (this.runs.get(run.runId) === run) this.runs.delete(run.runId);
    });
  }

  get(runId: string): LiveRun | undefined {
    return this.runs.get(runId);
  }

  /** Cancels one run of this process; false when it is not running here. */
  cancel(runId: string, reason: RunCancellation): boolean {
    const run = this.runs.get(runId);
    if (!run) return false;
    run.cancel(reason);
    return true;
  }

  /** Cancels every live run (shutdown) and resolves when all of them have ended. */
  async cancelAll(reason: RunCancellation): Promise<void> {
    const runs = [...this.runs.values()];
    for (const run of runs) run.cancel(reason);
    await Promise.allSettled(runs.map((run) => run.done));
  }

  /** Resolves when no run is live, or after `timeoutMs`; true when none is left. */
  async whenIdle(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.runs.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        Promise.allSettled([...this.runs.values()].map((run) => run.done)),
        new Promise((resolve) => (timer = setTimeout(resolve, left))),
      ]);
      clearTimeout(timer);
    }
    return true;
  }

  get size(): number {
    return this.runs.size;
  }
}

const LIVE_RUNS_KEY = Symbol.for('quorum.liveRuns');
type Holder = { [LIVE_RUNS_KEY]?: LiveRuns };

/** The process's live runs (shared by every route bundle). */
export function getLiveRuns(): LiveRuns {
  const holder = globalThis as Holder;
  holder[LIVE_RUNS_KEY] ??= new LiveRuns();
  return holder[LIVE_RUNS_KEY];
}
