import type { CouncilEvent } from '@/lib/council/events';

/** A run's event source that the test feeds by hand; ends after a terminal event or end(). */
export class ManualEvents implements AsyncIterable<CouncilEvent> {
  private seq = 0;
  private readonly queue: CouncilEvent[] = [];
  private waiter: ((result: IteratorResult<CouncilEvent>) => void) | null = null;
  private ended = false;

  constructor(readonly runId = '00000000-0000-4000-8000-000000000001') {}

  /** Emits the next event (a delta, or the type given). */
  emit(type: 'member.delta' | 'run.completed' | 'run.cancelled' = 'member.delta', extra: object = {}): CouncilEvent {
    const base = { runId: this.runId, seq: ++this.seq, t: this.seq };
    const event = (
      type === 'member.delta'
        ? { ...base, type, stage: 1, model: 'm', text: `t${this.seq} ` }
        : type === 'run.completed'
          ? { ...base, type, text: 'final', chairman: 'm', degraded: false, totals: { durationMs: 1, stages: [], tokens: { input: 0, output: 0 }, costUsd: 0 } }
          : { ...base, type, reason: 'detached', message: 'gone' }
    ) as CouncilEvent;
    Object.assign(event, extra);
    this.push(event);
    if (type !== 'member.delta') this.end();
    return event;
  }

  end(): void {
    this.ended = true;
    this.waiter?.({ value: undefined, done: true });
    this.waiter = null;
  }

  private push(event: CouncilEvent): void {
    if (this.waiter) {
      const resolve = this.waiter;
      this.waiter = null;
      resolve({ value: event, done: false });
    } else this.queue.push(event);
  }

  [Symbol.asyncIterator](): AsyncIterator<CouncilEvent> {
    return {
      next: () => {
        const queued = this.queue.shift();
        if (queued) return Promise.resolve({ value: queued, done: false });
        if (this.ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (this.waiter = resolve));
      },
    };
  }
}

/** Lets pending promise callbacks run (the hub drives its run on microtasks). */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** Reads what a follower has right now without waiting for more. */
export async function drain(iterator: AsyncIterator<CouncilEvent>, count: number): Promise<CouncilEvent[]> {
  const out: CouncilEvent[] = [];
  for (let i = 0; i < count; i += 1) {
    const next = await iterator.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}
