/**
 * The Stop button (DESIGN.md §7): ask the server to cancel the run, so that it records `run.cancelled` and the
 * stream brings the server's word back. If the server cannot be asked, or its word does not come in time,
 * the stream is dropped and the turn closed locally instead.
 */
import { requestCancel } from './follow-run';

export const STOP_TIMEOUT_MS = 5_000;

/**
 * Returns a function that clears the fallback timer (call it when the stream has ended). Without a run id yet
 * (Stop pressed before the first event), only the fallback is armed: call it again once the id is known.
 */
export function stopRun(runId: string | null, controller: AbortController, options: { timeoutMs?: number; fetch?: typeof fetch } = {}): () => void {
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? STOP_TIMEOUT_MS);
  if (!runId) return () => clearTimeout(timer);
  void requestCancel(runId, { fetch: options.fetch }).then((asked) => {
    if (!asked) controller.abort();
  });
  return () => clearTimeout(timer);
}
