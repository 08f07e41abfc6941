import { systemClock, type Clock } from '@/lib/council/clock';
import type { Bulkhead, BulkheadRelease } from './bulkhead';
import type { InFlightSlots } from './in-flight-slots';
import { sleep } from './sleep';

/** What the resilience layer and the council service ask of a provider's bulkhead. */
export type ProviderBulkhead = Pick<Bulkhead, 'acquire' | 'saturated' | 'retryAfterSeconds' | 'inFlight' | 'queued' | 'wouldWait'>;

/** Polling for a shared slot backs off from the first to the last of these, ms. */
const FIRST_POLL_MS = 10;
const LAST_POLL_MS = 100;

/**
 * A provider's bulkhead whose in-flight count is shared by every instance: a call first takes its place in
 * the local bulkhead (its FIFO queue and refusal when full stay local), then waits for one of the provider's
 * `maxConcurrent` slots across all instances. When the shared count cannot be reached (Redis down), the call
 * goes on under the local limit alone, as a single instance would.
 */
export class SharedBulkhead implements ProviderBulkhead {
  constructor(
    private readonly local: Bulkhead,
    private readonly slots: InFlightSlots,
    private readonly key: string,
    private readonly maxConcurrent: number,
    private readonly clock: Clock = systemClock,
  ) {}

  inFlight(): number {
    return this.local.inFlight();
  }

  queued(): number {
    return this.local.queued();
  }

  saturated(): boolean {
    return this.local.saturated();
  }

  /** What this instance knows at once: a wait for a shared slot held elsewhere shows in the call's timing. */
  wouldWait(): boolean {
    return this.local.wouldWait();
  }

  retryAfterSeconds(): number {
    return this.local.retryAfterSeconds();
  }

  async acquire(signal?: AbortSignal): Promise<BulkheadRelease> {
    const releaseLocal = await this.local.acquire(signal);
    try {
      const token = await this.sharedSlot(signal);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (token) this.slots.release(this.key, token);
        releaseLocal();
      };
    } catch (error) {
      releaseLocal();
      throw error;
    }
  }

  /** A shared slot's token, or null when the shared count is unreachable (the local limit then governs). */
  private async sharedSlot(signal?: AbortSignal): Promise<string | null> {
    for (let pollMs = FIRST_POLL_MS; ; pollMs = Math.min(LAST_POLL_MS, pollMs * 2)) {
      let token: string | null;
      try {
        token = await this.slots.tryAcquire(this.key, this.maxConcurrent);
      } catch {
        return null;
      }
      if (token) return token;
      await sleep(this.clock, pollMs, signal);
    }
  }
}
