import type { Clock } from './clock';

/** The UI repaints at most this often per member; more deltas only cost bytes and renders. */
export const DELTA_INTERVAL_MS = 30;

/**
 * Merges one member's streamed text into at most one delta per interval. The first text goes out
 * at once (time to first token is what users feel); later text waits for the interval to pass.
 */
export class DeltaCoalescer {
  private buffer = '';
  private lastEmitAt: number | null = null;
  private cancelTimer: (() => void) | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly emit: (text: string) => void,
    private readonly intervalMs = DELTA_INTERVAL_MS,
  ) {}

  push(text: string): void {
    if (text === '') return;
    this.buffer += text;
    if (this.cancelTimer) return;
    const wait = this.lastEmitAt === null ? 0 : this.lastEmitAt + this.intervalMs - this.clock.now();
    if (wait <= 0) this.flush();
    else this.cancelTimer = this.clock.setTimer(() => this.flush(), wait);
  }

  /** Sends whatever is buffered now (before the member's completion event). */
  flush(): void {
    this.stopTimer();
    if (this.buffer === '') return;
    const text = this.buffer;
    this.buffer = '';
    this.lastEmitAt = this.clock.now();
    this.emit(text);
  }

  /** Drops buffered text: the attempt it came from failed, or the member was cut. */
  discard(): void {
    this.stopTimer();
    this.buffer = '';
  }

  private stopTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }
}
