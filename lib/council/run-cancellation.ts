/**
 * Why a run was cancelled, carried as the abort reason of the run's input signal so that the engine's
 * `run.cancelled` event (and the stored run) says it: the user's Stop, a browser that never came back, a
 * server shutting down, a client that stopped reading.
 */
export type CancelReason = 'cancelled' | 'detached' | 'shutdown' | 'client_stalled';

const MESSAGES: Record<CancelReason, string> = {
  cancelled: 'The run was cancelled.',
  detached: 'Nobody was following the run, so it was stopped.',
  shutdown: 'The server shut down before the run finished.',
  client_stalled: 'The client stopped reading the stream, so the run was stopped.',
};

/**
 * Marks a RunCancellation whichever copy of this module made it: Next bundles the instrumentation hook (which
 * builds the council service, hence the engine) apart from the route handlers (which cancel runs), so one run
 * can meet two copies of the class and `instanceof` alone would miss the reason.
 */
const BRAND = Symbol.for('quorum.RunCancellation');
const REASONS = Object.keys(MESSAGES) as CancelReason[];

export class RunCancellation extends Error {
  readonly [BRAND] = true;

  constructor(
    readonly reason: CancelReason,
    message: string = MESSAGES[reason],
  ) {
    super(message);
    this.name = 'RunCancellation';
  }
}

/** The reason and message for a run whose signal aborted with `reason` (anything else counts as a plain cancel). */
export function describeCancellation(reason: unknown): { reason: CancelReason; message: string } {
  if (isRunCancellation(reason)) return { reason: reason.reason, message: reason.message };
  return { reason: 'cancelled', message: MESSAGES.cancelled };
}

function isRunCancellation(value: unknown): value is RunCancellation {
  if (value instanceof RunCancellation) return true;
  if (typeof value !== 'object' || value === null || (value as { [BRAND]?: unknown })[BRAND] !== true) return false;
  const { reason, message } = value as { reason?: unknown; message?: unknown };
  return REASONS.includes(reason as CancelReason) && typeof message === 'string';
}
