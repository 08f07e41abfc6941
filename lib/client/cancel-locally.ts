/**
 * Stop aborts the request, so the server's run.cancelled never reaches this browser: the turn is closed
 * with the same event, made here, so that it folds exactly like one from the server.
 */
import type { CouncilEvent } from '@/lib/council/events';
import type { RunState } from './run-state';
import { reduceRun } from './run-reducer';

export function cancelLocally(state: RunState, message = 'Stopped by you.'): RunState {
  const event: CouncilEvent = {
    type: 'run.cancelled',
    runId: state.runId ?? 'local',
    seq: state.lastSeq + 1,
    t: state.elapsedMs,
    reason: 'stopped',
    message,
  };
  return reduceRun(state, event);
}
