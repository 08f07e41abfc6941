import type { Clock } from './clock';
import type { CouncilEvent, CouncilEventBody } from './events';

/**
 * Events a consumer may leave unread before the run is stopped. A run that streams normally never comes near
 * it (deltas are coalesced, and each call's output is capped); a consumer that stopped pulling would otherwise
 * let the queue grow for as long as the run lasts.
 */
export const MAX_QUEUED_EVENTS = 10_000;

const TERMINAL = new Set(['run.completed', 'run.failed', 'run.cancelled']);

/**
 * The queue between the run (which pushes event bodies) and its consumer (which pulls events).
 * It stamps `seq` and `t` at push time, so the order of pushes is the order of the stream.
 */
export class EventChannel implements AsyncIterator<CouncilEvent> {
  private readonly queue: CouncilEvent[] = [];
  /** Pending next() calls, oldest first (a consumer may call next() again before the last resolved). */
  private readonly waiters: ((result: IteratorResult<CouncilEvent>) => void)[] = [];
  private seq = 0;
  private ended = false;
  private closed = false;
  private overflowed = false;

  constructor(
    private readonly runId: string,
    private readonly clock: Clock,
    private readonly startedAt: number,
    /** Called once when the consumer stops early; resolves when the run has released every call. */
    private readonly onConsumerGone: () => Promise<void>,
    /** Called once when more than `maxQueued` events wait unread: the run should stop (client_stalled). */
    private readonly onOverflow: () => void = () => undefined,
    private readonly maxQueued = MAX_QUEUED_EVENTS,
  ) {}

  push(body: CouncilEventBody): void {
    if (this.closed || this.ended) return;
    const event = { ...body, runId: this.runId, seq: ++this.seq, t: elapsed(this.clock, this.startedAt) } as CouncilEvent;
    const waiter = this.waiters.shift();
    if (waiter) return waiter({ value: event, done: false });
    this.queue.push(event);
    // The run's own terminal events still go in: the consumer must see how the run ended.
    if (this.queue.length > this.maxQueued && !this.overflowed && !TERMINAL.has(event.type)) {
      this.overflowed = true;
      this.onOverflow();
    }
  }

  /** No more events: the consumer drains what is queued, then sees the end. */
  end(): void {
    this.ended = true;
    for (const waiter of this.waiters.splice(0)) waiter({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<CouncilEvent>> {
    const event = this.queue.shift();
    if (event) return Promise.resolve({ value: event, done: false });
    if (this.ended || this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The consumer broke out of its loop: abort the run and wait until no call is left open. */
  async return(): Promise<IteratorResult<CouncilEvent>> {
    if (!this.closed && !this.ended) {
      this.closed = true;
      this.queue.length = 0;
      for (const waiter of this.waiters.splice(0)) waiter({ value: undefined, done: true });
      await this.onConsumerGone();
    }
    this.closed = true;
    return { value: undefined, done: true };
  }
}

/** Whole milliseconds since `startedAt`: events travel as JSON and sub-ms noise helps nobody. */
export function elapsed(clock: Clock, startedAt: number): number {
  return Math.round(clock.now() - startedAt);
}
