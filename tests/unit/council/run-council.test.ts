import { describe, expect, it, vi } from 'vitest';
import { isTerminalEvent } from '@/lib/council/events';
import { runCouncil } from '@/lib/council/run-council';
import { collectEvents } from '@/tests/support/collect-events';
import { ofType, setupCouncil, terminal } from './council-fixture';

describe('runCouncil: a healthy council', () => {
  it('runs the three stages and ends with the chairman’s synthesis', async () => {
    const { run, council } = setupCouncil();
    const events = await run();
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events[0].type).toBe('run.started');
    const end = terminal(events);
    expect(end.type).toBe('run.completed');
    if (end.type !== 'run.completed') return;
    expect(end.text).toBe('final from m1');
    expect(end.chairman).toBe('m1');
    expect(end.degraded).toBe(false);
    expect(events.filter(isTerminalEvent)).toHaveLength(1);
    expect(ofType(events, 'stage.started').map((e) => e.stage)).toEqual([1, 2, 3]);
    expect(ofType(events, 'member.completed').filter((e) => e.stage === 1)).toHaveLength(4);
    expect(ofType(events, 'ranking.parsed').every((r) => r.valid)).toBe(true);
    expect(council.openCalls()).toEqual([]);
  });

  it('sums tokens and cost over every completed call', async () => {
    const { run } = setupCouncil({
      members: ['m1', 'm2'],
      scripts: {
        m1: { answer: { usage: { input: 5, output: 7 }, costUsd: 0.01 }, synthesis: { reply: 'done', usage: { input: 1, output: 1 }, costUsd: 0.1 } },
        m2: { answer: { usage: { input: 3, output: 2 }, costUsd: 0.02 } },
      },
      policy: { quorum: 1 },
    });
    const events = await run();
    const end = terminal(events);
    if (end.type !== 'run.completed') throw new Error(end.type);
    const rankingUsage = ofType(events, 'member.completed')
      .filter((e) => e.stage === 2)
      .reduce((sum, e) => sum + e.usage.input + e.usage.output, 0);
    expect(end.totals.tokens.input + end.totals.tokens.output).toBe(5 + 7 + 3 + 2 + 2 + rankingUsage);
    expect(end.totals.costUsd).toBeCloseTo(0.13);
    expect(end.totals.stages.map((s) => s.stage)).toEqual([1, 2, 3]);
    expect(end.totals.durationMs).toBe(end.t);
  });
});

describe('runCouncil: failures of its own', () => {
  it('ends with run.failed (internal) and no open call when the engine itself throws', async () => {
    const { input, deps, clock, council } = setupCouncil({ scripts: { m4: { answer: { hang: {} } } }, members: ['m1', 'm2', 'm3', 'm4'] });
    const broken = {
      ...deps,
      random: () => {
        throw new Error('broken random');
      },
    };
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const events = await collectEvents(runCouncil(input, broken), clock);
    quiet.mockRestore();
    expect(terminal(events)).toMatchObject({ type: 'run.failed', reason: 'internal' });
    expect(events.filter(isTerminalEvent)).toHaveLength(1);
    expect(council.openCalls()).toEqual([]);
  });

  it('treats an unknown model id as that member failing', async () => {
    const { input, deps, clock } = setupCouncil({ members: ['m1', 'm2', 'm3'] });
    const events = await collectEvents(runCouncil({ ...input, members: ['m1', 'm2', 'm3', 'ghost'] }, deps), clock);
    expect(ofType(events, 'member.failed').map((e) => e.model)).toEqual(['ghost']);
    expect(terminal(events).type).toBe('run.completed');
  });
});
