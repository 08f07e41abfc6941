import type { CouncilEvent } from '@/lib/council/events';
import { FakeClock, settleMicrotasks } from './fake-clock';

export interface CollectOptions {
  /** Called for each event as it is consumed (at the virtual time it was consumed). */
  onEvent?: (event: CouncilEvent) => void;
  /** Stop iterating (break) after this event: exercises the consumer-gone path. */
  breakAfter?: (event: CouncilEvent) => boolean;
  /** Called synchronously the moment the consumer's loop has ended (normally or by breakAfter). */
  onLoopEnd?: () => void;
  /** Upper bound on timer steps, so a run that never ends fails the test instead of hanging it. */
  maxSteps?: number;
}

/**
 * Consumes `events` to the end on a FakeClock: whenever nothing else is pending, virtual time jumps
 * to the next timer. Throws when the run is stuck (no timer left and no terminal event).
 */
export async function collectEvents(
  events: AsyncIterable<CouncilEvent>,
  clock: FakeClock,
  options: CollectOptions = {},
): Promise<CouncilEvent[]> {
  const seen: CouncilEvent[] = [];
  let finished = false;
  let failure: unknown = null;
  const consumer = (async () => {
    for await (const event of events) {
      seen.push(event);
      options.onEvent?.(event);
      if (options.breakAfter?.(event)) break;
    }
    options.onLoopEnd?.();
  })().then(
    () => void (finished = true),
    (error: unknown) => {
      failure = error;
      finished = true;
    },
  );

  const maxSteps = options.maxSteps ?? 100_000;
  for (let step = 0; !finished; step++) {
    await settleMicrotasks();
    if (finished) break;
    if (step >= maxSteps) throw new Error(`run did not end within ${maxSteps} timer steps`);
    if (!clock.advanceToNextTimer()) {
      await settleMicrotasks();
      if (!finished) throw new Error(`run is stuck at ${clock.now()}: no timer left and no end (${seen.length} events)`);
    }
  }
  await consumer;
  if (failure) throw failure;
  return seen;
}
