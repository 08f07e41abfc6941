import type { CouncilEvent } from '@/lib/council/events';
import type { CancelReason } from '@/lib/council/run-cancellation';
import { LocalListeners, type RunFanout, type RunListener } from './run-fanout';

/** One instance: events and cancels stay in this process. */
export class MemoryRunFanout implements RunFanout {
  private readonly listeners = new LocalListeners();
  private readonly cancelHandlers: ((runId: string, reason: CancelReason) => void)[] = [];

  publish(event: CouncilEvent): void {
    this.listeners.deliver(event);
  }

  async subscribe(runId: string, listener: RunListener): Promise<() => void> {
    this.listeners.add(runId, listener);
    return () => void this.listeners.remove(runId, listener);
  }

  async remoteFollowers(): Promise<number> {
    return 0;
  }

  async relayCancel(runId: string, reason: CancelReason): Promise<void> {
    for (const handler of this.cancelHandlers) handler(runId, reason);
  }

  onCancel(handler: (runId: string, reason: CancelReason) => void): void {
    this.cancelHandlers.push(handler);
  }

  async close(): Promise<void> {}
}
