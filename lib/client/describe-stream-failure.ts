import { CouncilStreamError } from './council-stream-error';

/** What a refused or broken question tells the person: the server's reason, and when asking again can work. */
export function describeStreamFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof CouncilStreamError) || !error.retryAfterSeconds) return message;
  const wait = formatWait(error.retryAfterSeconds);
  if (error.code === 'budget_exhausted') return `${message} Try again in about ${wait}, or ask the key's owner for a larger budget.`;
  return `${message} Retry in about ${wait}.`;
}

/** A wait as a person reads it: seconds, minutes, hours or days, rounded up. */
export function formatWait(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.ceil(seconds))} s`;
  if (seconds < 90 * 60) return `${Math.ceil(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${Math.ceil(seconds / 3600)} h`;
  return `${Math.ceil(seconds / 86_400)} days`;
}
