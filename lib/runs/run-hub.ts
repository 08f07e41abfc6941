/**
 * One detachable run, driven by the server rather than by a response's pull: the hub consumes the run's
 * (recorded) events as fast as they come, keeps them in memory and hands them to every follower attached on
 * this instance, from any seq. When nobody has been attached for the detach grace, the run is cancelled
 * (reason `detached`) so that nobody pays for tokens nobody will read (DESIGN.md §7 "Resumable runs").
 */
import type { Clock } from '@/lib/council/clock';
import type { CouncilEvent } from '@/lib/council/events';
import { isTerminalEvent } from '@/lib/council/events';
import { RunCancellation } from '@/lib/council/run-cancellation';
import { pushIterator, type PushIterator } from './push-iterator';

/** While followers on other instances hold a detached run, how often the hub asks again whether they left. */
export const REMOTE_RECHECK_MS = 1_000;

export interface RunHubOptions {
  runId: string;
  /** The run's events (already recorded as they pass); the hub iterates them to the end. */
  events: AsyncIterable<CouncilEvent>;
  /** Aborts the run; its engine then ends it with `run.cancelled` carrying the reason. */
  cancel(reason: RunCancellation): void;
  /** How long the run may go on with nobody attached. */
  graceMs: number;
  clock: Clock;
  /** Called with every event as it passes (the fan-out to other instances). */
  publish?: (event: CouncilEvent) => void;
  /** Followers of this run on other instances; asked before a detached run is cancelled. */
  remoteFollowers?: () => Promise<number>;
  remoteRecheckMs?: number;
}

export class RunHub {
  readonly runId: string;
  /** Resolves when the run's event stream has ended (its last write to the store is made by then). */
  readonly done: Promise<void>;
  private readonly log: CouncilEvent[] = [];
  private readonly followers = new Set<PushIterator<CouncilEvent>>();
  private finished = false;
  private failure: { error: unknown } | null = null;
  private cancelGraceTimer: (() => void) | null = null;
  /** True while followers elsewhere keep the run alive: when they leave, a whole new grace starts. */
  private heldRemotely = false;

  constructor(private readonly options: RunHubOptions) {
    this.runId = options.runId;
    // Nobody is attached until the first follow(): the grace runs from the start.
    this.armGrace(options.graceMs);
    this.done = this.drive();
  }

  /** Followers attached on this instance. */
  get attached(): number {
    return this.followers.size;
  }

  /** Events received so far (what a detached run holds in memory). */
  get eventCount(): number {
    return this.log.length;
  }

  /**
   * The run's events after `afterSeq`, then live ones, up to the terminal event. Attached until it ends or
   * its consumer returns; the last follower leaving starts the detach grace.
   */
  follow(afterSeq = 0): AsyncIterableIterator<CouncilEvent> {
    const follower = pushIterator<CouncilEvent>(() => this.detach(follower));
    this.followers.add(follower);
    this.clearGrace();
    this.heldRemotely = false;
    for (const event of this.log) if (event.seq > afterSeq) follower.push(event);
    if (this.finished) this.endFollower(follower);
    return follower;
  }

  private async drive(): Promise<void> {
    try {
      for await (const event of this.options.events) {
        this.log.push(event);
        this.options.publish?.(event);
        for (const follower of this.followers) follower.push(event);
      }
    } catch (error) {
      this.failure = { error };
    } finally {
      this.finished = true;
      this.clearGrace();
      for (const follower of [...this.followers]) this.endFollower(follower);
    }
  }

  private endFollower(follower: PushIterator<CouncilEvent>): void {
    const last = this.log.at(-1);
    // A stream that ended without its terminal event failed: say so to the follower, as a direct stream would.
    if (this.failure && !(last && isTerminalEvent(last))) follower.end(this.failure.error);
    else follower.end();
  }

  private detach(follower: PushIterator<CouncilEvent>): void {
    if (!this.followers.delete(follower)) return;
    if (this.followers.size === 0 && !this.finished) this.armGrace(this.options.graceMs);
  }

  private armGrace(ms: number): void {
    this.clearGrace();
    this.cancelGraceTimer = this.options.clock.setTimer(() => void this.graceEnded(), ms);
  }

  private clearGrace(): void {
    this.cancelGraceTimer?.();
    this.cancelGraceTimer = null;
  }

  private async graceEnded(): Promise<void> {
    this.cancelGraceTimer = null;
    if (this.followers.size > 0 || this.finished) return;
    // Redis unreachable counts as nobody elsewhere: a remote follower cannot receive the run without it anyway.
    const remote = this.options.remoteFollowers ? await this.options.remoteFollowers().catch(() => 0) : 0;
    if (this.followers.size > 0 || this.finished || this.cancelGraceTimer) return;
    if (remote > 0) {
      this.heldRemotely = true;
      this.armGrace(this.options.remoteRecheckMs ?? REMOTE_RECHECK_MS);
    } else if (this.heldRemotely) {
      this.heldRemotely = false;
      this.armGrace(this.options.graceMs);
    } else {
      this.options.cancel(new RunCancellation('detached'));
    }
  }
}
