import type { CouncilEvent } from '@/lib/council/events';
import type { Admission } from './run-admission';

/**
 * Passes a run's events through and, however the stream ends, settles its admission once at the actual cost and
 * then calls `onDone`: after the last event, when the consumer stops early (leaving the loop waits for the run's
 * calls to close, so `spentUsd` is final by then), and also when the consumer gives up before reading anything
 * (nothing ran: it costs nothing), which a bare async generator would never notice.
 */
export function settleWhenDone(
  events: AsyncIterable<CouncilEvent>,
  admission: Admission,
  spentUsd: (() => number) | undefined,
  onDone: () => void,
): AsyncIterable<CouncilEvent> {
  let settled = false;
  const settle = async (usd: number): Promise<void> => {
    if (settled) return;
    settled = true;
    await admission
      .settle(usd)
      .catch((error: unknown) => console.error('Could not settle the run budget:', error instanceof Error ? error.message : error));
    onDone();
  };

  async function* passThrough(): AsyncGenerator<CouncilEvent, void, undefined> {
    let costUsd = 0;
    try {
      for await (const event of events) {
        costUsd += callCostOf(event);
        yield event;
      }
    } finally {
      // The engine's own count includes calls cut after the client stopped reading (their events were never read).
      await settle(spentUsd?.() ?? costUsd);
    }
  }

  return {
    [Symbol.asyncIterator]() {
      const inner = passThrough();
      let started = false;
      return {
        next: () => {
          started = true;
          return inner.next();
        },
        return: async () => {
          if (!started) await settle(0);
          return inner.return(undefined);
        },
      };
    },
  };
}

/** What one event says was spent: every completed, failed or retried attempt is paid for. */
function callCostOf(event: CouncilEvent): number {
  if (event.type === 'member.completed' || event.type === 'member.failed' || event.type === 'member.retrying') {
    return event.costUsd ?? 0;
  }
  return 0;
}
