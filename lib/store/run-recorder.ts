/**
 * Records a run while it streams. Every event passes through at once and untouched; writes are batched
 * and made from a timer (every `flushIntervalMs`), chained so that they reach the store in order, each batch
 * in one transaction. The run row is closed by its terminal event, or as 'cancelled' when the consumer stops
 * early, or as 'failed' when the event source throws. A failing store is logged, never passed to the stream.
 */
import type { CouncilEvent } from '@/lib/council/events';
import { LlmRequestTracker } from './llm-request-tracker';
import { RunTotalsTally } from './run-totals';
import type { RunEnd, Store, WriteBatch } from './store';

export const DEFAULT_FLUSH_INTERVAL_MS = 50;
/** How long the end of the stream waits for the last writes; a stuck database must not hold the response open. */
export const DEFAULT_SETTLE_TIMEOUT_MS = 2_000;

export interface RecordedRun {
  runId: string;
  conversationId: string;
  tier: string;
  question: string;
  /** The key that started it; null or absent for personal mode. */
  ownerKeyId?: string | null;
}

export interface RecordRunOptions {
  flushIntervalMs?: number;
  /** The stream's end waits at most this long for pending writes (they go on in the background). */
  settleTimeoutMs?: number;
  now?: () => Date;
  /** Called once, at the first failed write, so that the client can be told the run is not being saved. */
  onFailure?: (message: string) => void;
}

export async function* recordRun(
  store: Store,
  run: RecordedRun,
  events: AsyncIterable<CouncilEvent>,
  options: RecordRunOptions = {},
): AsyncGenerator<CouncilEvent, void, undefined> {
  const recorder = new RunRecorder(store, run, options);
  let outcome: 'terminal' | 'stopped' | { error: unknown } = 'stopped';
  try {
    for await (const event of events) {
      recorder.observe(event);
      if (recorder.ended) outcome = 'terminal';
      yield event;
    }
    if (outcome !== 'terminal') outcome = { error: new Error('The event stream ended without a terminal event.') };
  } catch (error) {
    outcome = { error };
    throw error;
  } finally {
    if (outcome === 'stopped') recorder.end('cancelled', 'The run was stopped before it finished.');
    else if (outcome !== 'terminal') recorder.end('failed', messageOf(outcome.error));
    await recorder.settled(options.settleTimeoutMs ?? DEFAULT_SETTLE_TIMEOUT_MS);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

class RunRecorder {
  private readonly now: () => Date;
  private readonly flushIntervalMs: number;
  private readonly startedAt: Date;
  private readonly tracker: LlmRequestTracker;
  private readonly tally = new RunTotalsTally();
  private buffered: CouncilEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writes: Promise<void>;
  private runEnd: RunEnd | null = null;
  private finalText: string | null = null;
  private failed = false;
  private readonly onFailure: (message: string) => void;

  constructor(
    private readonly store: Store,
    private readonly run: RecordedRun,
    options: RecordRunOptions,
  ) {
    this.onFailure = options.onFailure ?? (() => undefined);
    this.now = options.now ?? (() => new Date());
    this.flushIntervalMs = options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS;
    this.startedAt = this.now();
    this.tracker = new LlmRequestTracker(run.runId, this.startedAt);
    this.writes = this.guard(
      store.createRun({
        id: run.runId,
        conversationId: run.conversationId,
        tier: run.tier,
        question: run.question,
        ownerKeyId: run.ownerKeyId ?? null,
        startedAt: this.startedAt,
      }),
    );
  }

  get ended(): boolean {
    return this.runEnd !== null;
  }

  /** The hot path: bookkeeping in memory only; the write happens later, from a timer. */
  observe(event: CouncilEvent): void {
    if (this.runEnd) return;
    this.buffered.push(event);
    this.tracker.observe(event);
    this.tally.observe(event);
    if (event.type === 'run.completed') {
      this.finalText = event.text;
      this.close({ status: 'completed', totals: event.totals, finalText: event.text });
    } else if (event.type === 'run.failed' || event.type === 'run.cancelled') {
      this.tracker.closeOpen(event.type === 'run.failed' ? 'run_failed' : 'cancelled', event.message, event.t);
      this.close({ status: event.type === 'run.failed' ? 'failed' : 'cancelled', totals: this.tally.totals(), finalText: null });
    } else {
      // On a beat shared by every run (multiples of the interval), so that a store can commit them together.
      this.timer ??= setTimeout(() => this.flush(), this.flushIntervalMs - (Date.now() % this.flushIntervalMs));
    }
  }

  /** Ends a run that produced no terminal event (consumer stopped, or the source threw). */
  end(status: 'cancelled' | 'failed', message: string): void {
    if (this.runEnd) return;
    this.tracker.closeOpen(status === 'cancelled' ? 'cancelled' : 'run_failed', message, this.tally.elapsedMs);
    this.close({ status, totals: this.tally.totals(), finalText: null });
  }

  /** Resolves once every write so far has been made (or failed and was logged), or after `timeoutMs`. */
  async settled(timeoutMs: number): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        console.warn(`Store: run ${this.run.runId} is still being written after ${timeoutMs} ms; not waiting for it.`);
        resolve();
      }, timeoutMs);
    });
    try {
      await Promise.race([this.writes, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private close(end: Omit<RunEnd, 'runId' | 'endedAt'>): void {
    this.runEnd = { runId: this.run.runId, endedAt: this.now(), ...end };
    this.flush();
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch: WriteBatch = { events: this.buffered, llmRequests: this.tracker.takeDirty() };
    this.buffered = [];
    if (this.runEnd) {
      batch.runEnd = this.runEnd;
      batch.touchConversation = { id: this.run.conversationId, at: this.runEnd.endedAt };
      if (this.finalText !== null) {
        batch.messages = [
          { conversationId: this.run.conversationId, role: 'assistant', content: this.finalText, runId: this.run.runId, createdAt: this.runEnd.endedAt },
        ];
      }
    }
    this.writes = this.writes.then(() => this.guard(this.store.writeBatch(batch)));
  }

  private async guard(write: Promise<void>): Promise<void> {
    try {
      await write;
    } catch (error) {
      // Once: after the first failure (say, the run row was never created) the rest fail the same way.
      if (!this.failed) {
        console.error(`Store: recording run ${this.run.runId} failed:`, messageOf(error));
        this.failed = true;
        this.onFailure(messageOf(error));
      }
    }
  }
}
