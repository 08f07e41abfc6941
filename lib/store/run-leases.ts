/**
 * Run ownership across instances (DESIGN.md §7). Each process holds a lease in the store, renewed every
 * `renewMs` for `ttlMs`; on every renewal it also recovers the runs of instances whose lease lapsed. So a run
 * of a dead instance is marked 'interrupted' within ttlMs + renewMs by whichever instance looks first, and a
 * run of a live instance never is. The race with a stalled owner's final write is settled in the store: a
 * run's final write also closes a run already marked interrupted (Store.writeBatch), so the result survives.
 */
import type { Store } from './store';

export interface LeaseTimings {
  /** How long a lease lasts without renewal, ms. */
  ttlMs: number;
  /** How often it is renewed (and lapsed leases are looked for), ms; well under ttlMs. */
  renewMs: number;
}

/** Detection within 15 s + 5 s: inside DESIGN.md's 30 s, with two renewals to spare before a lapse. */
export const DEFAULT_LEASE_TIMINGS: LeaseTimings = { ttlMs: 15_000, renewMs: 5_000 };

/** Throws RangeError unless a renewal comes well before the lease lapses. */
export function checkLeaseTimings(timings: LeaseTimings): LeaseTimings {
  if (!(timings.renewMs >= 10)) throw new RangeError('The lease renewal interval must be at least 10 ms.');
  if (!(timings.ttlMs >= 2 * timings.renewMs)) throw new RangeError('A lease must last at least two renewal intervals.');
  return timings;
}

/** QUORUM_LEASE_MS / QUORUM_LEASE_RENEW_MS; a renewal every third of the lease when only the lease is given. */
export function leaseTimingsOf(env: { QUORUM_LEASE_MS?: number; QUORUM_LEASE_RENEW_MS?: number }): LeaseTimings {
  const ttlMs = env.QUORUM_LEASE_MS ?? DEFAULT_LEASE_TIMINGS.ttlMs;
  const renewMs = env.QUORUM_LEASE_RENEW_MS ?? (env.QUORUM_LEASE_MS ? Math.floor(ttlMs / 3) : DEFAULT_LEASE_TIMINGS.renewMs);
  return { ttlMs, renewMs };
}

export interface LeaseKeeperOptions {
  instanceId: string;
  timings?: LeaseTimings;
  now?: () => Date;
  log?: (message: string) => void;
}

/** Keeps one instance's lease alive and recovers other instances' lost runs. */
export class LeaseKeeper {
  private readonly timings: LeaseTimings;
  private readonly now: () => Date;
  private readonly log: (message: string) => void;
  private timer: ReturnType<typeof setInterval> | null = null;
  private ticking: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly options: LeaseKeeperOptions,
  ) {
    this.timings = checkLeaseTimings(options.timings ?? DEFAULT_LEASE_TIMINGS);
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? ((message) => console.warn(message));
  }

  /** Takes the lease and recovers lapsed instances' runs once (errors propagate), then keeps doing so. */
  async start(): Promise<void> {
    await this.tick();
    this.timer = setInterval(() => {
      this.ticking = this.tick().catch((error: unknown) =>
        this.log(`Store: renewing the instance lease failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    }, this.timings.renewMs);
    // The lease must never keep a process alive on its own.
    this.timer.unref();
  }

  /** One renewal plus one recovery pass. */
  async tick(): Promise<void> {
    const now = this.now();
    const held = await this.store.renewLease(this.options.instanceId, now, new Date(now.getTime() + this.timings.ttlMs));
    if (!held) this.log(`Store: this instance's lease had lapsed; its runs may have been marked interrupted meanwhile.`);
    const recovered = await this.store.interruptOrphanedRuns(now, this.options.instanceId);
    if (recovered > 0) this.log(`Store: ${recovered} run(s) of instances that stopped were marked interrupted.`);
  }

  /** Stops renewing and ends the lease, so that runs this instance leaves behind are recovered at once. */
  async release(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
    await this.store.releaseLease(this.options.instanceId, this.now());
  }
}
