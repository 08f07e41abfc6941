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

export class RunCancellation extends Error {
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
  if (reason instanceof RunCancellation) return { reason: reason.reason, message: reason.message };
  return { reason: 'cancelled', message: MESSAGES.cancelled };
}
