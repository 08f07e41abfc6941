/**
 * The part of the rate limiter's view that instances share (DESIGN.md §7): after a 429, or while a window a
 * response reported is exhausted, calls under a key (a provider's id, or a model's where limits are per model)
 * wait until a wall-clock time. In-process this is a map; lib/redis/redis-rate-limit-pauses.ts keeps it in
 * Redis so that a limit one instance discovered holds every instance back.
 */
export interface RateLimitPauses {
  /** Holds calls under `key` back until `untilWallMs`; an earlier time than one already set changes nothing. */
  pause(key: string, untilWallMs: number): void;
  /** Until when calls under `key` wait, wall ms; 0 (or a past time) when they may go. */
  pausedUntil(key: string): Promise<number>;
}

export class LocalRateLimitPauses implements RateLimitPauses {
  private readonly until = new Map<string, number>();

  constructor(private readonly wallNow: () => number = Date.now) {}

  pause(key: string, untilWallMs: number): void {
    if (untilWallMs > (this.until.get(key) ?? 0)) this.until.set(key, untilWallMs);
  }

  async pausedUntil(key: string): Promise<number> {
    const until = this.until.get(key) ?? 0;
    if (until <= this.wallNow()) this.until.delete(key);
    return until;
  }
}
