import { describe, expect, it } from 'vitest';
import { ofType, setupCouncil, terminal } from './council-fixture';
import { roleOf } from '@/tests/support/scripted-model';

describe('runCouncil: modes', () => {
  it('answers: runs stage 1 only and delivers the longest answer', async () => {
    const { run, council } = setupCouncil({
      members: ['m1', 'm2', 'm3'],
      mode: 'answers',
      scripts: {
        m1: { answer: { reply: 'short one', firstTokenMs: 10 } },
        m2: { answer: { reply: 'by far the longest answer of the three', firstTokenMs: 40 } },
        m3: { answer: { reply: 'a middling answer', firstTokenMs: 20 } },
      },
    });
    const events = await run();
    expect(events[0]).toMatchObject({ type: 'run.started', mode: 'answers' });
    expect(ofType(events, 'stage.started').map((e) => e.stage)).toEqual([1]);
    expect(terminal(events)).toMatchObject({
      type: 'run.completed',
      text: 'by far the longest answer of the three',
      chairman: null,
      answeredBy: 'm2',
      degraded: false,
    });
    expect(council.openCalls()).toEqual([]);
  });

  it('answers: one surviving answer is delivered, flagged as a single answer', async () => {
    const { run } = setupCouncil({
      members: ['m1', 'm2'],
      mode: 'answers',
      scripts: { m2: { answer: { fail: { reason: 'http_500' } } } },
    });
    const events = await run();
    expect(ofType(events, 'warning').map((w) => w.code)).toEqual(['degraded_council', 'single_answer']);
    expect(terminal(events)).toMatchObject({ type: 'run.completed', answeredBy: 'm1', degraded: true });
  });

  it('answers: fails when nobody answered', async () => {
    const { run } = setupCouncil({
      members: ['m1', 'm2'],
      mode: 'answers',
      scripts: { m1: { answer: { fail: {} } }, m2: { answer: { fail: {} } } },
    });
    expect(terminal(await run())).toMatchObject({ type: 'run.failed', reason: 'no_answers' });
  });

  it('ranked: runs stages 1–2 and delivers the top-ranked answer, no chairman called', async () => {
    const { run, council } = setupCouncil({ members: ['m1', 'm2', 'm3'], mode: 'ranked', preference: ['m3', 'm1', 'm2'], policy: { quorum: 1 } });
    const events = await run();
    expect(ofType(events, 'stage.started').map((e) => e.stage)).toEqual([1, 2]);
    expect(terminal(events)).toMatchObject({ type: 'run.completed', text: 'answer from [m3]', answeredBy: 'm3', chairman: null, degraded: false });
    expect(council.calls().filter((c) => roleOf(c.request) === 'synthesis')).toEqual([]);
  });

  it('ranked: without a valid ranking, the first answer is shown and the run is degraded', async () => {
    const { run } = setupCouncil({
      members: ['m1', 'm2'],
      mode: 'ranked',
      scripts: { m1: { ranking: { reply: 'no idea' } }, m2: { ranking: { reply: 'neither' } } },
    });
    const events = await run();
    const warning = ofType(events, 'warning').find((w) => w.code === 'no_valid_rankings');
    expect(warning?.message).toMatch(/first answer/);
    expect(terminal(events)).toMatchObject({ type: 'run.completed', text: 'answer from [m1]', degraded: true });
  });

  it('full (the default): three stages, the chairman’s synthesis', async () => {
    const { run } = setupCouncil({ members: ['m1', 'm2'] });
    const events = await run();
    expect(events[0]).toMatchObject({ type: 'run.started', mode: 'full' });
    expect(ofType(events, 'stage.started').map((e) => e.stage)).toEqual([1, 2, 3]);
    const end = terminal(events);
    expect(end).toMatchObject({ type: 'run.completed', chairman: 'm1', degraded: false });
    expect(end.type === 'run.completed' && end.answeredBy).toBeFalsy();
  });

  it('full: every chairman failing delivers the top-ranked answer, naming it', async () => {
    const { run } = setupCouncil({
      members: ['m1', 'm2'],
      preference: ['m2', 'm1'],
      scripts: { m1: { synthesis: { fail: {} } }, m2: { synthesis: { fail: {} } } },
    });
    const events = await run();
    expect(ofType(events, 'warning').map((w) => w.code)).toContain('chairman_failed');
    expect(terminal(events)).toMatchObject({ type: 'run.completed', chairman: null, degraded: true, answeredBy: 'm2' });
  });
});

describe('runCouncil: what failed and cut attempts used', () => {
  const pricing = { m1: { inputPerMTok: 1_000_000, outputPerMTok: 2_000_000 }, m2: { inputPerMTok: 0, outputPerMTok: 0 } };

  it('reports the prompt and streamed text of a failed attempt on member.failed, priced, and counts it in the totals', async () => {
    const { run } = setupCouncil({
      members: ['m1', 'm2', 'm3'],
      pricing,
      scripts: { m1: { answer: { reply: 'one two three four', fail: { afterTokens: 2 } } } },
      chairman: 'm2',
    });
    const events = await run();
    const started = ofType(events, 'member.started').find((e) => e.model === 'm1' && e.stage === 1)!;
    expect(started.promptTokens).toBeGreaterThan(0);
    const failed = ofType(events, 'member.failed').find((e) => e.model === 'm1')!;
    expect(failed.usage?.input).toBe(started.promptTokens);
    expect(failed.usage?.output).toBeGreaterThan(0);
    expect(failed.costUsd).toBe(failed.usage!.input * 1 + failed.usage!.output * 2);
    const end = terminal(events);
    if (end.type !== 'run.completed') throw new Error(end.type);
    const completed = ofType(events, 'member.completed');
    const tokens = completed.reduce((sum, e) => sum + e.usage.input + e.usage.output, 0);
    expect(end.totals.tokens.input + end.totals.tokens.output).toBe(tokens + failed.usage!.input + failed.usage!.output);
    expect(end.totals.costUsd).toBe(failed.costUsd);
  });

  it('counts nothing for an attempt that failed before its first token', async () => {
    const { run } = setupCouncil({ members: ['m1', 'm2', 'm3'], pricing, chairman: 'm2', scripts: { m1: { answer: { fail: {} } } } });
    const failed = ofType(await run(), 'member.failed').find((e) => e.model === 'm1')!;
    expect(failed.usage).toEqual({ input: 0, output: 0 });
    expect(failed.costUsd).toBe(0);
  });

  it('reports each retried attempt’s usage on member.retrying', async () => {
    const { run } = setupCouncil({
      members: ['m1', 'm2'],
      pricing,
      chairman: 'm2',
      scripts: { m1: { answer: { retries: [{ afterTokens: 3 }, { afterTokens: 0 }] } } },
    });
    const events = await run();
    const retries = ofType(events, 'member.retrying').filter((e) => e.model === 'm1');
    expect(retries).toHaveLength(2);
    expect(retries[0].usage!.output).toBeGreaterThan(0);
    expect(retries[0].costUsd).toBeGreaterThan(0);
    expect(retries[1].usage).toEqual({ input: 0, output: 0 });
    const end = terminal(events);
    if (end.type !== 'run.completed') throw new Error(end.type);
    expect(end.totals.costUsd).toBe(retries[0].costUsd);
  });

  it('reports what a straggler streamed before it was cut', async () => {
    const { run } = setupCouncil({
      members: ['m1', 'm2', 'm3'],
      pricing,
      chairman: 'm2',
      scripts: { m1: { answer: { reply: 'a b c d e f g h i j k l m n o p', tokensPerSecond: 2 } } },
    });
    const events = await run();
    const cut = ofType(events, 'member.failed').find((e) => e.model === 'm1')!;
    expect(cut.reason).toBe('straggler');
    expect(cut.usage!.output).toBeGreaterThan(0);
    expect(cut.costUsd).toBeGreaterThan(0);
  });

  it('puts the run’s prices on run.started', async () => {
    const { run } = setupCouncil({ members: ['m1', 'm2'], pricing });
    expect((await run())[0]).toMatchObject({ type: 'run.started', pricing });
  });
});
