/**
 * Several instances: a run's events go to this process's followers directly and to the other instances
 * through Redis pub/sub (`quorum:run:<id>`); cancels go through `quorum:run-cancel`. A subscriber needs a
 * connection of its own (`duplicate()`); the process subscribes to a run's channel only while one of its
 * followers listens, so `PUBSUB NUMSUB` counts the instances that follow a run.
 */
import type { CouncilEvent } from '@/lib/council/events';
import type { CancelReason } from '@/lib/council/run-cancellation';
import type { RedisClient, RedisConnection } from '@/lib/redis/redis-connection';
import { LocalListeners, type RunFanout, type RunListener } from './run-fanout';

const CANCEL_CHANNEL = 'quorum:run-cancel';
const CANCEL_REASONS: readonly CancelReason[] = ['cancelled', 'detached', 'shutdown', 'client_stalled'];

export function runChannel(runId: string): string {
  return `quorum:run:${runId}`;
}

export class RedisRunFanout implements RunFanout {
  private readonly listeners = new LocalListeners();
  private readonly cancelHandlers: ((runId: string, reason: CancelReason) => void)[] = [];
  private readonly subscriber: RedisClient;
  /** Resolves once the process listens for relayed cancels (or Redis was down at start; it keeps trying). */
  readonly ready: Promise<void>;
  private reportedDown = false;
  private cancelSubscription: Promise<void> | null = null;

  constructor(
    private readonly connection: RedisConnection,
    /** This process's id: what it published itself already reached its own followers. */
    private readonly instanceId: string,
  ) {
    this.subscriber = connection.client.duplicate();
    this.subscriber.on('error', (error: unknown) => this.reportDown(error));
    // If Redis is down at start, the client keeps reconnecting; the cancel channel is joined once it is up
    // (the client itself renews every subscription after a reconnect).
    this.subscriber.on('ready', () => {
      this.reportedDown = false;
      void this.subscribeToCancels();
    });
    this.ready = this.subscriber
      .connect()
      .then(() => this.subscribeToCancels())
      .catch((error: unknown) => this.reportDown(error));
  }

  private subscribeToCancels(): Promise<void> {
    this.cancelSubscription ??= this.subscriber
      .subscribe(CANCEL_CHANNEL, (message) => this.onCancelMessage(message))
      .catch((error: unknown) => {
        this.cancelSubscription = null;
        this.reportDown(error);
      });
    return this.cancelSubscription;
  }

  publish(event: CouncilEvent): void {
    this.listeners.deliver(event);
    if (!this.connection.ready()) return;
    const message = JSON.stringify({ o: this.instanceId, e: event });
    this.connection.client.publish(runChannel(event.runId), message).catch((error: unknown) => this.reportDown(error));
  }

  async subscribe(runId: string, listener: RunListener): Promise<() => void> {
    await this.ready;
    if (this.listeners.add(runId, listener)) {
      // Redis down: the follower still gets the run from the store (it polls), only later.
      await this.subscriber
        .subscribe(runChannel(runId), (message) => this.onEventMessage(message))
        .catch((error: unknown) => this.reportDown(error));
    }
    return () => {
      if (this.listeners.remove(runId, listener)) {
        this.subscriber.unsubscribe(runChannel(runId)).catch(() => undefined);
      }
    };
  }

  async remoteFollowers(runId: string): Promise<number> {
    const channel = runChannel(runId);
    const counts = await this.connection.client.pubSubNumSub(channel);
    const subscribed = Number(counts[channel] ?? 0);
    return Math.max(0, subscribed - (this.listeners.has(runId) ? 1 : 0));
  }

  async relayCancel(runId: string, reason: CancelReason): Promise<void> {
    for (const handler of this.cancelHandlers) handler(runId, reason);
    await this.connection.client.publish(CANCEL_CHANNEL, JSON.stringify({ o: this.instanceId, runId, reason }));
  }

  onCancel(handler: (runId: string, reason: CancelReason) => void): void {
    this.cancelHandlers.push(handler);
  }

  async close(): Promise<void> {
    await this.ready;
    if (this.subscriber.isOpen) await this.subscriber.close().catch(() => this.subscriber.destroy());
    else this.subscriber.destroy();
  }

  private onEventMessage(message: string): void {
    const parsed = parseJson(message) as { o?: unknown; e?: CouncilEvent } | null;
    if (!parsed || parsed.o === this.instanceId || typeof parsed.e?.runId !== 'string') return;
    this.listeners.deliver(parsed.e);
  }

  private onCancelMessage(message: string): void {
    const parsed = parseJson(message) as { o?: unknown; runId?: unknown; reason?: unknown } | null;
    if (!parsed || parsed.o === this.instanceId || typeof parsed.runId !== 'string') return;
    const reason = CANCEL_REASONS.find((known) => known === parsed.reason) ?? 'cancelled';
    for (const handler of this.cancelHandlers) handler(parsed.runId, reason);
  }

  private reportDown(error: unknown): void {
    if (this.reportedDown) return;
    this.reportedDown = true;
    const code = (error as { code?: unknown })?.code;
    console.warn(`Run fan-out: Redis unreachable (${typeof code === 'string' ? code : 'error'}); followers elsewhere read the store.`);
  }
}

function parseJson(message: string): unknown {
  try {
    return JSON.parse(message);
  } catch {
    return null;
  }
}
