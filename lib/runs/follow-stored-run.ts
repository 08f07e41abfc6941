/**
 * Follows a run that this instance does not execute: from the store (what was recorded after `afterSeq`) and
 * live through the fan-out. The seam has no duplicates and no gaps: subscribe first, read the store second,
 * then hand events on strictly in seq order (duplicates dropped, early ones held until the gap is filled from
 * the store). The store is asked again every `pollMs` while the live side is quiet, so a follower also gets to
 * the end when Redis is down or the run ended between two messages.
 */
import type { Clock } from '@/lib/council/clock';
import type { CouncilEvent } from '@/lib/council/events';
import { isTerminalEvent } from '@/lib/council/events';
import type { RunStatus } from '@/lib/store/store';
import { pushIterator } from './push-iterator';
import type { RunFanout } from './run-fanout';

export const STORED_RUN_POLL_MS = 1_000;
/** A gap waits this long for the store: the recorder writes every 50 ms. */
export const GAP_FILL_MS = 100;

export interface StoredRunSource {
  /** The run's recorded events, in seq order. */
  events(runId: string): Promise<CouncilEvent[]>;
  /** The stored run's status; null when it is gone. */
  status(runId: string): Promise<RunStatus | null>;
}

export interface FollowStoredRunOptions {
  runId: string;
  afterSeq: number;
  fanout: RunFanout;
  source: StoredRunSource;
  clock: Clock;
  pollMs?: number;
}

export async function followStoredRun(options: FollowStoredRunOptions): Promise<AsyncIterableIterator<CouncilEvent>> {
  const { runId, fanout, source, clock } = options;
  const pollMs = options.pollMs ?? STORED_RUN_POLL_MS;
  const held = new Map<number, CouncilEvent>();
  let nextSeq = options.afterSeq + 1;
  /** Whether live events moved the follower on since the last poll; if not, the store is asked. */
  let liveProgress = false;
  let cancelTimer: (() => void) | null = null;
  let unsubscribe: () => void = () => undefined;

  const out = pushIterator<CouncilEvent>(() => {
    cancelTimer?.();
    unsubscribe();
  });

  const take = (event: CouncilEvent) => {
    if (out.closed || event.seq < nextSeq) return;
    held.set(event.seq, event);
    for (let ready = held.get(nextSeq); ready && !out.closed; ready = held.get(nextSeq)) {
      held.delete(nextSeq);
      nextSeq += 1;
      out.push(ready);
      if (isTerminalEvent(ready)) out.end();
    }
  };

  const readStore = async () => {
    for (const event of await source.events(runId)) take(event);
  };

  const poll = async () => {
    cancelTimer = null;
    if (out.closed) return;
    try {
      if (held.size > 0 || !liveProgress) await readStore();
      // A run that ended without its terminal event (interrupted, or not recorded to the end) ends here too.
      if (!out.closed && !liveProgress && (await source.status(runId)) !== 'running') {
        await readStore();
        out.end();
      }
    } catch (error) {
      console.warn(`Following run ${runId}: the store could not be read (${error instanceof Error ? error.message : error}).`);
    }
    liveProgress = false;
    schedule();
  };

  const schedule = () => {
    if (out.closed) return;
    cancelTimer = clock.setTimer(() => void poll(), held.size > 0 ? GAP_FILL_MS : pollMs);
  };

  unsubscribe = await fanout.subscribe(runId, (event) => {
    const gapBefore = held.size;
    const before = nextSeq;
    take(event);
    if (nextSeq > before) liveProgress = true;
    // An event arrived ahead of the store: fill the gap soon rather than at the next poll.
    if (gapBefore === 0 && held.size > 0) {
      cancelTimer?.();
      schedule();
    }
  });
  try {
    await readStore();
  } catch (error) {
    out.return?.();
    throw error;
  }
  schedule();
  return out;
}
