import type { CouncilEvent } from '@/lib/council/events';
import type { CancelReason } from '@/lib/council/run-cancellation';

/**
 * How a run's events and cancels reach other instances (DESIGN.md §7). Two implementations behind this one
 * interface, picked at the wiring point (lib/runs/get-run-fanout.ts) and held to one contract suite:
 * in-process (one instance) and Redis pub/sub (several).
 */
export interface RunFanout {
  /** Sends an event of a run this instance executes to every subscriber of that run, here and elsewhere. */
  publish(event: CouncilEvent): void;
  /**
   * Listens to a run's events. Resolves once the subscription is in force, so that a follower can subscribe
   * first and read the store second without missing what is published in between. Returns the unsubscribe.
   */
  subscribe(runId: string, listener: (event: CouncilEvent) => void): Promise<() => void>;
  /** How many other instances have a follower subscribed to this run (0 in-process). */
  remoteFollowers(runId: string): Promise<number>;
  /** Asks whichever instance executes the run to cancel it (this one included). */
  relayCancel(runId: string, reason: CancelReason): Promise<void>;
  /** Who cancels a relayed run on this instance (the process's live runs). */
  onCancel(handler: (runId: string, reason: CancelReason) => void): void;
  close(): Promise<void>;
}

export type RunListener = (event: CouncilEvent) => void;

/** The listeners of this process, by run; shared by both implementations. */
export class LocalListeners {
  private readonly byRun = new Map<string, Set<RunListener>>();

  /** Adds one; true when it is the run's first (time to subscribe upstream). */
  add(runId: string, listener: RunListener): boolean {
    let set = this.byRun.get(runId);
    const first = !set;
    if (!set) this.byRun.set(runId, (set = new Set()));
    set.add(listener);
    return first;
  }

  /** Removes one; true when it was the run's last (time to unsubscribe upstream). */
  remove(runId: string, listener: RunListener): boolean {
    const set = this.byRun.get(runId);
    if (!set?.delete(listener)) return false;
    if (set.size > 0) return false;
    this.byRun.delete(runId);
    return true;
  }

  has(runId: string): boolean {
    return this.byRun.has(runId);
  }

  deliver(event: CouncilEvent): void {
    const set = this.byRun.get(event.runId);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(event);
      } catch (error) {
        console.error('A run follower failed on an event:', error instanceof Error ? error.message : error);
      }
    }
  }

  get runs(): number {
    return this.byRun.size;
  }
}
