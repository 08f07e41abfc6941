import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CouncilEvent, CouncilEventBody } from '@/lib/council/events';
import { DEFAULT_POLICY } from '@/lib/council/policy';
import { initialRunState, reduceRun, replayRun } from '@/lib/client/run-reducer';
import { scriptRun, type RunPlan } from './run-script';

const memberPlan = fc.record({
  deltas: fc.array(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 5 }),
  retryFirst: fc.boolean(),
  outcome: fc.constantFrom('done' as const, 'http_500' as const, 'straggler' as const),
});
const runPlan: fc.Arbitrary<RunPlan> = fc.record({
  members: fc.array(memberPlan, { minLength: 1, maxLength: 5 }),
  terminal: fc.constantFrom('completed' as const, 'failed' as const, 'cancelled' as const),
  lateJudge: fc.boolean(),
});

let seq = 0;
/** Numbers events in order: seq 1, 2, 3, … at t = 10 × seq. */
function ev(body: CouncilEventBody): CouncilEvent {
  seq += 1;
  return { ...body, runId: 'r', seq, t: seq * 10 } as CouncilEvent;
}

describe('reduceRun properties', () => {
  it('replays any prefix of a valid run without throwing', () => {
    fc.assert(
      fc.property(runPlan, fc.nat(), (plan, cut) => {
        const events = scriptRun(plan);
        const prefix = events.slice(0, cut % (events.length + 1));
        const state = replayRun(prefix);
        expect(state.lastSeq).toBe(prefix.length);
      }),
    );
  });

  it('folds deterministically: the same events give equal states', () => {
    fc.assert(
      fc.property(runPlan, (plan) => {
        const events = scriptRun(plan);
        expect(replayRun(events)).toEqual(replayRun(events));
      }),
    );
  });

  it('ends in the status of the terminal event, and completed after run.completed', () => {
    fc.assert(
      fc.property(runPlan, (plan) => {
        const state = replayRun(scriptRun(plan));
        expect(state.status).toBe(plan.terminal);
        if (plan.terminal === 'completed') expect(state.finalText).toBe('The final answer.');
      }),
    );
  });

  it('folds by seq: a stream resumed with any overlap (events repeated after a reconnect) gives the same state', () => {
    fc.assert(
      fc.property(runPlan, fc.nat(), fc.nat(), (plan, cutAt, back) => {
        const events = scriptRun(plan);
        const cut = cutAt % (events.length + 1);
        // What a reconnect sends: from some seq at or before the cut (Last-Event-ID, or a replay from the start).
        const resumeFrom = Math.max(0, cut - (back % (cut + 1)));
        const resumed = [...events.slice(0, cut), ...events.slice(resumeFrom)];
        expect(replayRun(resumed)).toEqual(replayRun(events));
      }),
    );
  });

  it('never mutates the state it is given', () => {
    fc.assert(
      fc.property(runPlan, (plan) => {
        let state = initialRunState();
        for (const event of scriptRun(plan)) {
          const frozen = structuredClone(state);
          const next = reduceRun(state, event);
          expect(state).toEqual(frozen);
          state = next;
        }
      }),
    );
  });
});

describe('reduceRun', () => {
  const started = () => {
    seq = 0;
    return [
      ev({ type: 'run.started', question: 'Q', tier: 'speed', members: ['a', 'b'], chairman: 'a', fallbackChairmen: ['b'], policy: DEFAULT_POLICY }),
      ev({ type: 'stage.started', stage: 1, models: ['a', 'b'] }),
    ];
  };

  it('lists every member as waiting once the run starts', () => {
    const s = replayRun(started());
    expect(s.stages[1].models).toEqual(['a', 'b']);
    expect(s.stages[1].members.b.status).toBe('waiting');
    expect(s.currentStage).toBe(1);
    expect(s.stages[1].startMs).toBe(20);
  });

  it('appends deltas and records the first token time', () => {
    const s = replayRun([
      ...started(),
      ev({ type: 'member.started', stage: 1, model: 'a', attempt: 1 }),
      ev({ type: 'member.delta', stage: 1, model: 'a', text: 'Hel' }),
      ev({ type: 'member.delta', stage: 1, model: 'a', text: 'lo' }),
    ]);
    const a = s.stages[1].members.a;
    expect(a.text).toBe('Hello');
    expect(a.status).toBe('streaming');
    expect(a.startMs).toBe(30);
    expect(a.firstTokenMs).toBe(40);
  });

  it('discards the partial text of a retried attempt and marks the retry', () => {
    const s = replayRun([
      ...started(),
      ev({ type: 'member.delta', stage: 1, model: 'a', text: 'broken' }),
      ev({ type: 'member.retrying', stage: 1, model: 'a', attempt: 1, delayMs: 200, reason: 'http_503' }),
    ]);
    expect(s.stages[1].members.a.text).toBe('');
    expect(s.stages[1].members.a.status).toBe('retrying');
    expect(s.stages[1].members.a.retries).toEqual([{ t: 40, attempt: 1, delayMs: 200, reason: 'http_503' }]);
  });

  it('replaces streamed text with the completed text and takes the engine timing', () => {
    const s = replayRun([
      ...started(),
      ev({ type: 'member.delta', stage: 1, model: 'a', text: 'draf' }),
      ev({ type: 'member.completed', stage: 1, model: 'a', text: 'final', usage: { input: 1, output: 2 }, timing: { startMs: 5, firstTokenMs: 8, endMs: 40 }, attempts: 2 }),
      ev({ type: 'member.delta', stage: 1, model: 'a', text: 'stray' }),
    ]);
    const a = s.stages[1].members.a;
    expect(a).toMatchObject({ text: 'final', status: 'done', startMs: 5, firstTokenMs: 8, endMs: 40, attempts: 2 });
  });

  it('shows a straggler as cut and other failures as failed with the reason', () => {
    const timing = { startMs: 0, firstTokenMs: null, endMs: 50 };
    const s = replayRun([
      ...started(),
      ev({ type: 'member.failed', stage: 1, model: 'a', reason: 'straggler', message: 'too slow', timing, attempts: 1 }),
      ev({ type: 'member.failed', stage: 1, model: 'b', reason: 'http_500', message: 'upstream 500', timing, attempts: 3 }),
    ]);
    expect(s.stages[1].members.a.status).toBe('cut');
    expect(s.stages[1].members.b.status).toBe('failed');
    expect(s.stages[1].members.b.failure).toEqual({ reason: 'http_500', message: 'upstream 500' });
  });

  it('records which rankings the chairman saw, the late aggregate and the early transition', () => {
    const labels = { A: 'a', B: 'b' };
    const s = replayRun([
      ...started(),
      ev({ type: 'ranking.parsed', judge: 'a', labels, order: ['B', 'A'], ranked: ['b', 'a'], valid: true, late: false, critique: 'B is clearer' }),
      ev({ type: 'ranking.aggregate', entries: [{ model: 'b', averageRank: 1, votes: 1 }, { model: 'a', averageRank: 2, votes: 1 }], late: false }),
      ev({ type: 'stage.completed', stage: 2, durationMs: 20, succeeded: ['a'], failed: [], transition: 'quorum' }),
      ev({ type: 'ranking.parsed', judge: 'b', labels, order: ['A', 'A'], ranked: [], valid: false, late: true, critique: '', problems: ['repeats A'] }),
      ev({ type: 'ranking.aggregate', entries: [{ model: 'b', averageRank: 1, votes: 1 }], late: true }),
    ]);
    expect(s.chairmanSaw).toEqual(['a']);
    expect(s.rankings.map((r) => [r.judge, r.valid, r.late])).toEqual([['a', true, false], ['b', false, true]]);
    expect(s.rankings[1].problems).toEqual(['repeats A']);
    expect(s.aggregate?.[0].model).toBe('b');
    expect(s.lateAggregate).toHaveLength(1);
    expect(s.earlyTransitionMs).toBe(50);
    expect(s.stages[2].transition).toBe('quorum');
  });

  it('streams the final answer from the chairman and switches to a fallback after a failure', () => {
    const timing = { startMs: 0, firstTokenMs: 1, endMs: 2 };
    const s1 = replayRun([
      ...started(),
      ev({ type: 'member.delta', stage: 3, model: 'a', text: 'Half an ans' }),
    ]);
    expect(s1.finalText).toBe('Half an ans');
    const s2 = [
      ev({ type: 'member.failed', stage: 3, model: 'a', reason: 'timeout', message: 'slow', timing, attempts: 1 }),
    ].reduce(reduceRun, s1);
    expect(s2.finalText).toBe('');
    const s3 = [
      ev({ type: 'member.delta', stage: 3, model: 'b', text: 'Fallback' }),
    ].reduce(reduceRun, s2);
    expect(s3).toMatchObject({ finalText: 'Fallback', finalModel: 'b' });
  });

  it('ignores everything after the terminal event and events of another run', () => {
    const s = replayRun([
      ...started(),
      ev({ type: 'member.started', stage: 1, model: 'a', attempt: 1 }),
      { ...ev({ type: 'member.delta', stage: 1, model: 'a', text: 'x' }), runId: 'other' },
      ev({ type: 'run.cancelled', reason: 'user', message: 'Stopped by you.' }),
      ev({ type: 'member.delta', stage: 1, model: 'b', text: 'late' }),
    ]);
    expect(s.status).toBe('cancelled');
    expect(s.stages[1].members.b.text).toBe('');
    expect(s.stages[1].members.a.text).toBe('');
    // The member in flight is shown as cancelled, the one never started stays waiting.
    expect(s.stages[1].members.a.failure?.reason).toBe('cancelled');
    expect(s.stages[1].members.b.status).toBe('waiting');
    expect(s.end).toMatchObject({ reason: 'user', message: 'Stopped by you.' });
  });

  it('keeps warnings and totals, and a failed run keeps its per-member reasons', () => {
    const failed = replayRun([
      ...started(),
      ev({ type: 'warning', code: 'degraded_council', message: 'one left', stage: 1 }),
      ev({ type: 'run.failed', reason: 'no_answers', message: 'none', failures: [{ model: 'a', reason: 'http_500' }] }),
    ]);
    expect(failed.warnings).toEqual([{ code: 'degraded_council', message: 'one left', stage: 1, t: 30 }]);
    expect(failed.end?.failures).toEqual([{ model: 'a', reason: 'http_500' }]);
  });
});
