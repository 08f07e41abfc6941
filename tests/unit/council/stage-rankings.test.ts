import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ChatRequest } from '@/lib/council/chat-model';
import { quorumSize } from '@/lib/council/quorum-rule';
import { rankingReply } from '@/tests/support/scripted-model';
import { ofType, setupCouncil, terminal, type MemberScript } from './council-fixture';

const judgeAt = (firstTokenMs: number, preference = ['m1', 'm2', 'm3', 'm4']) => ({
  ranking: (request: ChatRequest) => ({ reply: rankingReply(request, preference), firstTokenMs }),
});
const invalidJudge = (firstTokenMs: number) => ({ ranking: { reply: 'I prefer A, honestly.', firstTokenMs } });

describe('stage 2: rankings', () => {
  it('records each judge’s own shuffled labels and maps its order back to models', async () => {
    const { run } = setupCouncil({ policy: { excludeSelf: false, quorum: 1 } });
    const events = await run();
    const parsed = ofType(events, 'ranking.parsed');
    expect(parsed).toHaveLength(4);
    for (const r of parsed) {
      expect(Object.keys(r.labels)).toEqual(['A', 'B', 'C', 'D']);
      expect(Object.values(r.labels).sort()).toEqual(['m1', 'm2', 'm3', 'm4']);
      expect(r.ranked).toEqual(r.order.map((label) => r.labels[label]));
      expect(r.ranked).toEqual(['m1', 'm2', 'm3', 'm4']);
    }
    const mappings = new Set(parsed.map((r) => JSON.stringify(r.labels)));
    expect(mappings.size).toBeGreaterThan(1);
  });

  it('gives the same labels for the same seed', async () => {
    const labelsOf = async (seed: number) =>
      ofType(await setupCouncil({ seed, policy: { quorum: 1 } }).run(), 'ranking.parsed').map((r) => r.labels);
    expect(await labelsOf(42)).toEqual(await labelsOf(42));
  });

  it('hides each judge’s own answer when excludeSelf is on', async () => {
    const { run } = setupCouncil({ policy: { excludeSelf: true, quorum: 1 } });
    for (const r of ofType(await run(), 'ranking.parsed')) {
      expect(Object.values(r.labels)).not.toContain(r.judge);
      expect(Object.keys(r.labels)).toHaveLength(3);
      expect(r.valid).toBe(true);
    }
  });

  it('shows an invalid ranking but leaves it out of the aggregate', async () => {
    const { run } = setupCouncil({ policy: { quorum: 1 }, scripts: { m2: invalidJudge(50) } });
    const events = await run();
    const bad = ofType(events, 'ranking.parsed').find((r) => r.judge === 'm2')!;
    expect(bad.valid).toBe(false);
    expect(bad.problems?.length).toBeGreaterThan(0);
    const aggregate = ofType(events, 'ranking.aggregate')[0];
    const votes = aggregate.entries.reduce((sum, e) => sum + e.votes, 0);
    expect(votes).toBe(3 * 3); // three valid judges, three answers each (excludeSelf)
  });

  it('starts stage 3 on the tick the quorum of valid rankings is in, not before', async () => {
    const { run } = setupCouncil({
      policy: { quorum: 0.5, lateRankings: 'keep' },
      scripts: { m1: invalidJudge(10), m2: judgeAt(100), m3: judgeAt(300), m4: judgeAt(2_000) },
    });
    const events = await run();
    const valid = ofType(events, 'ranking.parsed').filter((r) => r.valid && !r.late);
    expect(valid.map((r) => r.judge)).toEqual(['m2', 'm3']);
    const stage3 = ofType(events, 'stage.started').find((s) => s.stage === 3)!;
    expect(stage3.t).toBe(valid[1].t);
    expect(ofType(events, 'stage.completed').find((s) => s.stage === 2)?.transition).toBe('quorum');
  });

  it('keeps late judges going: late rankings, a late aggregate, and the run waits for them', async () => {
    const { run, council } = setupCouncil({
      policy: { quorum: 0.5, lateRankings: 'keep' },
      scripts: { m1: judgeAt(10), m2: judgeAt(20), m3: judgeAt(1_500), m4: judgeAt(2_500) },
    });
    const events = await run();
    const late = ofType(events, 'ranking.parsed').filter((r) => r.late);
    expect(late.map((r) => r.judge)).toEqual(['m3', 'm4']);
    const lateAggregates = ofType(events, 'ranking.aggregate').filter((a) => a.late);
    expect(lateAggregates).toHaveLength(2);
    expect(lateAggregates[1].entries.reduce((s, e) => s + e.votes, 0)).toBe(12);
    const end = terminal(events);
    expect(end.type).toBe('run.completed');
    expect(end.seq).toBeGreaterThan(late[1].seq);
    const synthesisDone = ofType(events, 'member.completed').find((e) => e.stage === 3)!;
    expect(synthesisDone.t).toBeLessThan(late[1].t);
    expect(council.openCalls()).toEqual([]);
  });

  it('cancels late judges when the tier says so', async () => {
    const { run, council } = setupCouncil({
      policy: { quorum: 0.5, lateRankings: 'cancel' },
      scripts: { m1: judgeAt(10), m2: judgeAt(20), m3: judgeAt(1_500), m4: judgeAt(2_500) },
    });
    const events = await run();
    expect(ofType(events, 'ranking.parsed').filter((r) => r.late)).toEqual([]);
    const cancelled = ofType(events, 'member.failed').filter((e) => e.stage === 2);
    expect(cancelled.map((e) => [e.model, e.reason])).toEqual([
      ['m3', 'cancelled'],
      ['m4', 'cancelled'],
    ]);
    const judgeCalls = council.calls().filter((c) => c.request.maxTokens === 600 && ['m3', 'm4'].includes(c.model));
    expect(judgeCalls.every((c) => c.aborted && !c.open)).toBe(true);
    expect(terminal(events)).toMatchObject({ type: 'run.completed', text: 'final from m1' });
  });

  it('waits for every judge when too few rankings are valid, and warns when none is', async () => {
    const scripts: Record<string, MemberScript> = {
      m1: invalidJudge(10),
      m2: invalidJudge(20),
      m3: invalidJudge(30),
      m4: { ranking: { fail: { reason: 'http_500' } } },
    };
    const events = await setupCouncil({ scripts }).run();
    const completed = ofType(events, 'stage.completed').find((s) => s.stage === 2)!;
    expect(completed.transition).toBe('all');
    expect(completed.failed).toEqual(['m4']);
    expect(ofType(events, 'warning').map((w) => w.code)).toContain('no_valid_rankings');
    expect(terminal(events)).toMatchObject({ type: 'run.completed', text: 'final from m1' });
  });

  it.each([0, 1, 2, 3, 4])('with %i of 4 judges failing still reaches a synthesis', async (failing) => {
    const members = ['m1', 'm2', 'm3', 'm4'];
    const scripts = Object.fromEntries(
      members.slice(0, failing).map((m) => [m, { ranking: { fail: { reason: 'http_503' as const } } }]),
    );
    const events = await setupCouncil({ members, scripts, policy: { quorum: 1 } }).run();
    const completed = ofType(events, 'stage.completed').find((s) => s.stage === 2)!;
    expect(completed.failed).toHaveLength(failing);
    expect(completed.transition).toBe('all');
    expect(ofType(events, 'warning').some((w) => w.code === 'no_valid_rankings')).toBe(failing === 4);
    expect(terminal(events)).toMatchObject({ type: 'run.completed', degraded: false });
  });
});

describe('quorum rule (property)', () => {
  it('stage 3 starts on the tick the ⌈quorum·n⌉-th valid ranking is in, or when all judges are done', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ latency: fc.integer({ min: 1, max: 3_000 }), valid: fc.boolean(), fails: fc.boolean() }), {
          minLength: 2,
          maxLength: 6,
        }),
        fc.constantFrom(0.25, 0.5, 0.75, 1),
        fc.constantFrom('keep' as const, 'cancel' as const),
        async (judges, quorum, lateRankings) => {
          const members = judges.map((_, i) => `m${i + 1}`);
          const scripts = Object.fromEntries(
            judges.map((j, i) => [
              members[i],
              j.fails
                ? { ranking: { fail: { reason: 'http_500' as const }, firstTokenMs: j.latency } }
                : j.valid
                  ? judgeAt(j.latency, members)
                  : invalidJudge(j.latency),
            ]),
          );
          const events = await setupCouncil({ members, scripts, policy: { quorum, lateRankings } }).run();
          const need = quorumSize(quorum, members.length);
          const stage3 = ofType(events, 'stage.started').find((s) => s.stage === 3)!;
          const validBefore = ofType(events, 'ranking.parsed').filter((r) => r.valid && r.seq < stage3.seq);
          const stage2Ends = events.filter((e) => (e.type === 'member.completed' || e.type === 'member.failed') && e.stage === 2);
          if (validBefore.length >= need) {
            expect(validBefore).toHaveLength(need);
            expect(stage3.t).toBe(validBefore[need - 1].t);
          } else {
            // Too few valid: every judge was waited for.
            expect(stage2Ends.filter((e) => e.seq < stage3.seq)).toHaveLength(members.length);
            expect(stage3.t).toBe(Math.max(...stage2Ends.map((e) => e.t)));
          }
          expect(terminal(events).type).toBe('run.completed');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('needs at least one and at most every ranking', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 20 }), (q, n) => {
        const need = quorumSize(q, n);
        expect(need).toBeGreaterThanOrEqual(1);
        expect(need).toBeLessThanOrEqual(n);
        expect(need).toBeGreaterThanOrEqual(Math.min(n, Math.ceil(q * n)));
      }),
    );
  });
});
