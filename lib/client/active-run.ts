/**
 * The run a chat view is streaming, as Stop sees it. Shared by the live chat and the follow-ups of a reopened
 * conversation, so that both handle a Stop pressed before the run's id is known the same way.
 */
import { stopRun } from './stop-run';

export interface ActiveRun {
  controller: AbortController;
  /** Known from the first event; Stop asks the server to cancel it. */
  runId: string | null;
  /** Set once Stop was pressed: clears the fallback that drops the stream if the server's word never comes. */
  clearStop?: () => void;
  stopping?: boolean;
}

/** Stop pressed: ask the server to cancel (only the local fallback is armed while the run's id is unknown). */
export function pressStop(current: ActiveRun | null): void {
  if (!current || current.stopping) return;
  current.stopping = true;
  current.clearStop = stopRun(current.runId, current.controller);
}

/** The first event names the run; a Stop pressed before then is sent to the server now. */
export function learnRunId(current: ActiveRun, runId: string): void {
  if (current.runId !== null) return;
  current.runId = runId;
  if (current.stopping) {
    current.clearStop?.();
    current.clearStop = stopRun(current.runId, current.controller);
  }
}
