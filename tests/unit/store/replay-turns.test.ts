import { describe, expect, it } from 'vitest';
import { initialRunState, reduceRun } from '@/lib/client/run-reducer';
import { INTERRUPTED_MESSAGE, replayTurn } from '@/components/sidebar/replay-turns';
import { sampleRun } from '../../integration/store/run-events-fixture';

describe('replaying a stored run', () => {
  it('folds the stored events through the live reducer, giving the same state', () => {
    const events = sampleRun('r1');
    const turn = replayTurn({ id: 'r1', tier: 'balanced', question: 'What is a quorum?', status: 'completed', events });
    expect(turn.run).toEqual(events.reduce(reduceRun, initialRunState()));
    expect(turn).toMatchObject({ id: 'r1', question: 'What is a quorum?', tier: 'balanced', streaming: false, error: null });
    expect(turn.run.status).toBe('completed');
  });

  it('closes an interrupted run (no terminal event) as cancelled with the reason, keeping what it had', () => {
    const events = sampleRun('r1', { ending: 'none' });
    const turn = replayTurn({ id: 'r1', tier: 'balanced', question: 'q', status: 'interrupted', events });
    expect(turn.run.status).toBe('cancelled');
    expect(turn.run.end).toMatchObject({ message: INTERRUPTED_MESSAGE });
    expect(turn.run.lastSeq).toBe(events.length + 1);
  });

  it('closes a run that recorded no event at all', () => {
    const turn = replayTurn({ id: 'r9', tier: 't', question: 'q', status: 'interrupted', events: [] });
    expect(turn.run.status).toBe('cancelled');
    expect(turn.run.runId).toBe('r9');
  });

  it('keeps a run that is still running open (streaming), ready to be re-attached from its last seq', () => {
    const events = sampleRun('r1', { ending: 'none' });
    const turn = replayTurn({ id: 'r1', tier: 'balanced', question: 'q', status: 'running', events });
    expect(turn.streaming).toBe(true);
    expect(turn.run.status).toBe('running');
    expect(turn.run.lastSeq).toBe(events.length);
  });
});
