import type { ServerResponse } from 'node:http';
import type { RecordedRequest } from './types';

/**
 * One request/response in flight: owns its timers (all cleared when the connection goes away) and
 * writes the close into the record, so that tests can see an abort from the server's side.
 */
export class Exchange {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly sleepers = new Set<(awake: boolean) => void>();
  private serverDestroyed = false;
  private closed = false;

  constructor(
    readonly res: ServerResponse,
    readonly record: RecordedRequest,
    private readonly onTimersChanged: (delta: number) => void,
  ) {
    res.on('close', () => {
      this.closed = true;
      this.record.endedAt ??= performance.now();
      if (!res.writableFinished && !this.serverDestroyed) {
        this.record.clientClosed = true;
        this.record.clientClosedAt = performance.now();
      }
      this.clearTimers();
      for (const wake of this.sleepers) wake(false);
      this.sleepers.clear();
    });
    res.on('finish', () => {
      this.record.endedAt ??= performance.now();
    });
  }

  get open(): boolean {
    return !this.closed;
  }

  /** Resolves true after `ms`, or false as soon as the connection is gone (and then nothing more is written). */
  sleep(ms: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (ms <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.forget(timer);
        this.sleepers.delete(resolve);
        resolve(!this.closed);
      }, ms);
      this.timers.add(timer);
      this.sleepers.add(resolve);
      this.onTimersChanged(1);
    });
  }

  writeHead(status: number, headers: Record<string, string>): void {
    this.record.status = status;
    this.res.writeHead(status, headers);
  }

  write(text: string): void {
    if (!this.closed) this.res.write(text);
  }

  end(text?: string): void {
    if (!this.closed) this.res.end(text);
  }

  /** A disconnect fault: the connection dies under the client, which is not the client closing it. */
  destroy(): void {
    this.serverDestroyed = true;
    this.res.socket?.destroy();
  }

  /** Destroys the connection once what was already written has left, so the client sees partial output first. */
  destroyAfterFlush(): void {
    this.serverDestroyed = true;
    if (this.closed) return;
    this.res.write('', () => this.destroy());
  }

  clearTimers(): void {
    for (const timer of this.timers) this.forget(timer);
  }

  private forget(timer: NodeJS.Timeout): void {
    if (!this.timers.delete(timer)) return;
    clearTimeout(timer);
    this.onTimersChanged(-1);
  }
}
