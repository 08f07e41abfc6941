/**
 * Whether this process is draining (DESIGN.md §7): set once by the SIGTERM / SIGINT handler, read by the
 * health route and by the council pipeline, which refuses new runs from every front door while it is set.
 * Kept on globalThis like the service and the store: every route bundle must see the same flag.
 */
const DRAIN_KEY = Symbol.for('quorum.draining');
type Holder = { [DRAIN_KEY]?: { since: number } };

/** What a refused run is told: try again in a few seconds (another instance, or this one restarted). */
export const DRAINING_RETRY_AFTER_SECONDS = 5;

export function isDraining(): boolean {
  return (globalThis as Holder)[DRAIN_KEY] !== undefined;
}

/** Marks the process as draining; true the first time, false when it already was. */
export function startDraining(now = Date.now()): boolean {
  const holder = globalThis as Holder;
  if (holder[DRAIN_KEY]) return false;
  holder[DRAIN_KEY] = { since: now };
  return true;
}

/** For tests that drain and then need a serving process again. */
export function stopDraining(): void {
  delete (globalThis as Holder)[DRAIN_KEY];
}
