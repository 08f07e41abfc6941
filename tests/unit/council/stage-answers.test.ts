import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stragglerGraceMs, stragglerThreshold, median } from '@/lib/council/straggler-rule';
import { ofType, setupCouncil, terminal } from './council-fixture';

describe('stage 1: answers', () => {
  it('cuts stragglers max(floor, factor × median) after half the council has answered', async () => {
    const { run } = setupCouncil({
      scripts: {
        m1: { answer: { firstTokenMs: 100 } },
        m2: { answer: { firstTokenMs: 400 } },
        m3: { answer: { hang: {} } },
        m4: { answer: { firstTokenMs: 3_000 } },
      },
    });
    const events = await run();
    const done = ofType(events, 'member.completed').filter((e) => e.stage === 1);
    expect(done.map((e) => e.model)).toEqual(['m1', 'm2']);
    // m1 answers at 120, m2 at 420: median 270 × 1.5 = 405 > floor 300.
    const cuts = ofType(events, 'member.failed').filter((e) => e.stage === 1);
    expect(cuts.map((e) => [e.model, e.reason, e.t])).toEqual([
      ['m3', 'straggler', 420 + 405],
      ['m4', 'straggler', 420 + 405],
    ]);
    expect(terminal(events).type).toBe('run.completed');
  });

  it('gives stragglers at least the floor', async () => {
    const { run } = setupCouncil({
      members: ['m1', 'm2', 'm3'],
      scripts: { m3: { answer: { firstTokenMs: 2_000 } } },
    });
    const events = await run();
    const cut = ofType(events, 'member.failed').find((e) => e.model === 'm3');
    expect(cut?.reason).toBe('straggler');
    expect(cut?.t).toBe(120 + 300);
  });

  it('never cuts before two members have answered', async () => {
    const { run } = setupCouncil({
      members: ['m1', 'm2'],
      scripts: { m2: { answer: { firstTokenMs: 4_000 } } },
    });
    const events = await run();
    expect(ofType(events, 'member.failed')).toEqual([]);
    expect(ofType(events, 'member.completed').filter((e) => e.stage === 1)).toHaveLength(2);
  });

  it('fails a member at its deadline with reason timeout and sends the deadline in the request', async () => {
    const { run, council, input } = setupCouncil({
      members: ['m1', 'm2'],
      scripts: { m2: { answer: { hang: { afterTokens: 1 } } } },
    });
    const events = await run();
    const failed = ofType(events, 'member.failed');
    expect(failed.map((e) => [e.model, e.reason, e.t])).toEqual([['m2', 'timeout', input.policy.deadlinesMs.answer]]);
    const request = council.models.get('m2')!.calls[0].request;
    expect(request).toMatchObject({
      timeBudgetMs: input.policy.deadlinesMs.answer,
      firstTokenTimeoutMs: input.policy.firstTokenTimeoutMs,
      idleTimeoutMs: input.policy.idleTimeoutMs,
      maxTokens: input.policy.maxTokens.answer,
    });
    expect(council.models.get('m2')!.calls[0].aborted).toBe(true);
    expect(ofType(events, 'warning')[0]).toMatchObject({ code: 'single_answer' });
  });

  it('turns an empty answer into member.failed with reason empty', async () => {
    const { run } = setupCouncil({ members: ['m1', 'm2', 'm3'], scripts: { m2: { answer: { empty: true } } } });
    const events = await run();
    expect(ofType(events, 'member.failed').map((e) => [e.model, e.reason])).toEqual([['m2', 'empty']]);
    expect(ofType(events, 'warning').map((w) => w.code)).toContain('degraded_council');
  });

  it('reports retries, discards the failed attempt’s text and counts attempts', async () => {
    const { run } = setupCouncil({
      members: ['m1', 'm2'],
      scripts: { m1: { answer: { reply: 'good answer', retries: [{ afterTokens: 1, delayMs: 40 }, { afterTokens: 0, delayMs: 80 }] } } },
    });
    const events = await run();
    const retries = ofType(events, 'member.retrying');
    expect(retries.map((r) => [r.attempt, r.delayMs])).toEqual([
      [2, 40],
      [3, 80],
    ]);
    const completed = ofType(events, 'member.completed').find((e) => e.model === 'm1' && e.stage === 1)!;
    expect(completed.attempts).toBe(3);
    expect(completed.text).toBe('good answer');
    // Deltas after the last retry rebuild exactly the final text.
    const lastRetry = retries[retries.length - 1].seq;
    const after = ofType(events, 'member.delta').filter((d) => d.model === 'm1' && d.stage === 1 && d.seq > lastRetry);
    expect(after.map((d) => d.text).join('')).toBe('good answer');
  });

  it.each([0, 1, 2, 3, 4])('with %i of 4 members failing ends as the rules say', async (failing) => {
    const members = ['m1', 'm2', 'm3', 'm4'];
    const scripts = Object.fromEntries(
      members.slice(0, failing).map((m) => [m, { answer: { fail: { reason: 'http_500' as const } } }]),
    );
    const { run, council } = setupCouncil({ members, scripts, chairman: 'm4' });
    const events = await run();
    const end = terminal(events);
    const codes = ofType(events, 'warning').map((w) => w.code);
    if (failing === 4) {
      expect(end).toMatchObject({ type: 'run.failed', failures: members.map((model) => ({ model, reason: 'http_500' })) });
      expect(ofType(events, 'stage.started')).toHaveLength(1);
    } else if (failing === 3) {
      expect(end).toMatchObject({ type: 'run.completed', text: 'answer from [m4]', degraded: true, chairman: null });
      expect(codes).toContain('single_answer');
      expect(ofType(events, 'stage.started')).toHaveLength(1);
    } else {
      expect(end).toMatchObject({ type: 'run.completed', text: 'final from m4', degraded: false });
      expect(codes.includes('degraded_council')).toBe(failing > 0);
      const judges = ofType(events, 'stage.started').find((s) => s.stage === 2)!.models;
      expect(judges).toEqual(members.slice(failing));
    }
    expect(council.openCalls()).toEqual([]);
  });
});

describe('minAnswers', () => {
  it('does not rank when fewer answers than minAnswers survive: the first answer is shown, degraded', async () => {
    const { run } = setupCouncil({
      members: ['m1', 'm2', 'm3'],
      policy: { minAnswers: 3 },
      scripts: { m1: { answer: { firstTokenMs: 200 } }, m3: { answer: { fail: { reason: 'network' } } } },
    });
    const events = await run();
    expect(ofType(events, 'stage.started')).toHaveLength(1);
    expect(ofType(events, 'warning').map((w) => w.code)).toEqual(['degraded_council']);
    expect(terminal(events)).toMatchObject({ type: 'run.completed', text: 'answer from [m2]', degraded: true, chairman: null });
  });
});

describe('straggler rule', () => {
  it('starts the clock at half the council, at least 2', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(stragglerThreshold)).toEqual([2, 2, 2, 2, 3, 3, 4]);
  });

  it('grants max(floor, factor × median) and never less than the floor', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 9 }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.integer({ min: 0, max: 10_000 }),
        (latencies, factor, floorMs) => {
          const grace = stragglerGraceMs(latencies, { factor, floorMs });
          expect(grace).toBeGreaterThanOrEqual(floorMs);
          expect(grace).toBeCloseTo(Math.max(floorMs, factor * median(latencies)));
          const sorted = [...latencies].sort((a, b) => a - b);
          expect(median(latencies)).toBeGreaterThanOrEqual(sorted[0]);
          expect(median(latencies)).toBeLessThanOrEqual(sorted[sorted.length - 1]);
        },
      ),
    );
  });
});
