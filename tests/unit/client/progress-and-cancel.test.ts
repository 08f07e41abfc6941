import { describe, expect, it } from 'vitest';
import { cancelLocally } from '@/lib/client/cancel-locally';
import { describeProgress } from '@/lib/client/describe-progress';
import { initialRunState, reduceRun, replayRun } from '@/lib/client/run-reducer';
import { scriptRun } from './run-script';

const events = scriptRun({ members: [{ deltas: ['x'], retryFirst: false, outcome: 'done' }, { deltas: ['y'], retryFirst: false, outcome: 'done' }], terminal: 'completed', lateJudge: false });

describe('describeProgress', () => {
  it('announces each stage as it starts and the end of the run', () => {
    const said = new Set<string>();
    let state = initialRunState();
    for (const event of events) {
      state = reduceRun(state, event);
      said.add(describeProgress(state));
    }
    expect([...said]).toEqual([
      'The council is starting.',
      'Stage 1 of 3: the members are answering.',
      "Stage 2 of 3: the members are ranking each other's answers.",
      'Stage 3 of 3: the chairman is writing the final answer.',
      'Final answer ready.',
    ]);
  });
});

describe('cancelLocally', () => {
  it('closes a run stopped mid-way as cancelled, after what came', () => {
    const midway = replayRun(events.slice(0, 6));
    const stopped = cancelLocally(midway);
    expect(stopped.status).toBe('cancelled');
    expect(stopped.lastSeq).toBe(7);
    expect(describeProgress(stopped)).toBe('The run was cancelled.');
    // Whatever was still in flight when the request was aborted cannot change the turn any more.
    expect(reduceRun(stopped, events[6])).toBe(stopped);
  });

  it('also closes a run stopped before its first event', () => {
    expect(cancelLocally(initialRunState()).status).toBe('cancelled');
  });

  it('leaves a finished run as it was', () => {
    const done = replayRun(events);
    expect(cancelLocally(done)).toBe(done);
  });
});
