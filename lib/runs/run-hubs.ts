import { systemClock, type Clock } from '@/lib/council/clock';
import type { CouncilEvent } from '@/lib/council/events';
import type { RunCancellation } from '@/lib/council/run-cancellation';
import type { RunFanout } from './run-fanout';
import { RunHub } from './run-hub';

export const DEFAULT_DETACH_GRACE_MS = 15_000;

export interface DetachableRun {
  runId: string;
  /** The key that started it; null in personal mode. */
  ownerKeyId: string | null;
  events: AsyncIterable<CouncilEvent>;
  cancel(reason: RunCancellation): void;
}

/** The detachable runs this instance executes, each with its hub, until its stream has ended. */
export class RunHubs {
  private readonly hubs = new Map<string, { hub: RunHub; ownerKeyId: string | null }>();

  constructor(
    readonly fanout: RunFanout,
    readonly graceMs: number = DEFAULT_DETACH_GRACE_MS,
    private readonly clock: Clock = systemClock,
  ) {}

  start(run: DetachableRun): RunHub {
    const hub = new RunHub({
      runId: run.runId,
      events: run.events,
      cancel: run.cancel,
      graceMs: this.graceMs,
      clock: this.clock,
      publish: (event) => this.fanout.publish(event),
      remoteFollowers: () => this.fanout.remoteFollowers(run.runId),
    });
    this.hubs.set(run.runId, { hub, ownerKeyId: run.ownerKeyId });
    void hub.done.finally(() => this.hubs.delete(run.runId));
    return hub;
  }

  get(runId: string): { hub: RunHub; ownerKeyId: string | null } | undefined {
    return this.hubs.get(runId);
  }

  get size(): number {
    return this.hubs.size;
  }
}
