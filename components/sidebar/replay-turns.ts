/**
 * Stored runs back into chat turns: each run's saved events folded through the same reducer as the live
 * stream, so a reopened conversation looks as it did. A run still `running` stays open (streaming): the
 * conversation view re-attaches to it (useReattachedTurns). One that never reached its terminal event because
 * the server stopped ('interrupted') is closed the way a local Stop is.
 */
import type { ChatTurn } from '@/lib/client/chat-turn';
import { cancelLocally } from '@/lib/client/cancel-locally';
import { initialRunState, reduceRun } from '@/lib/client/run-reducer';
import type { StoredRunView } from './conversations-api';

export const INTERRUPTED_MESSAGE = 'Interrupted: the server stopped during this run.';

export function replayTurn(run: StoredRunView): ChatTurn {
  const folded = run.events.reduce(reduceRun, initialRunState());
  const finished = folded.status === 'completed' || folded.status === 'failed' || folded.status === 'cancelled';
  if (!finished && run.status === 'running') {
    return { id: run.id, question: run.question, tier: run.tier, run: { ...folded, runId: folded.runId ?? run.id, status: 'running' }, streaming: true, error: null };
  }
  const state = finished ? folded : cancelLocally({ ...folded, runId: folded.runId ?? run.id }, INTERRUPTED_MESSAGE);
  return { id: run.id, question: run.question, tier: run.tier, run: state, streaming: false, error: null };
}

export function replayTurns(runs: StoredRunView[]): ChatTurn[] {
  return runs.map(replayTurn);
}
