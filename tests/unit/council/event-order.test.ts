import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DELTA_INTERVAL_MS } from '@/lib/council/delta-coalescer';
import { isTerminalEvent, type CouncilEvent } from '@/lib/council/events';
import { STAGE_NAMES } from '@/lib/council/policy';
import { setupCouncil } from './council-fixture';
import { randomCouncil } from './random-council';

type MemberEvent = Extract<CouncilEvent, { type: `member.${string}` }>;
const isMemberEvent = (e: CouncilEvent): e is MemberEvent => e.type.startsWith('member.');
const key = (e: MemberEvent) => `${e.stage}/${e.model}`;

describe('event stream invariants (property, random councils)', () => {
  it('seq is 1..n, t never goes back, one terminal event last, stages start before their members, no call left open', async () => {
    await fc.assert(
      fc.asyncProperty(randomCouncil, async (setup) => {
        const council = setupCouncil(setup);
        let openAtTerminal = -1;
        const events = await council.run({
          onEvent: (e) => {
            if (isTerminalEvent(e)) openAtTerminal = council.council.openCalls().length;
          },
        });
        expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
        expect(events.filter(isTerminalEvent)).toHaveLength(1);
        expect(isTerminalEvent(events[events.length - 1])).toBe(true);
        expect(openAtTerminal).toBe(0);
        expect(events[0].type).toBe('run.started');
        for (let i = 1; i < events.length; i++) expect(events[i].t).toBeGreaterThanOrEqual(events[i - 1].t);
        const started = new Set<number>();
        const finished = new Map<string, number>();
        for (const e of events) {
          if (e.type === 'stage.started') started.add(e.stage);
          if (isMemberEvent(e)) {
            expect(started.has(e.stage)).toBe(true);
            // Nothing from a member after its final event.
            expect(finished.has(key(e))).toBe(false);
            if (e.type === 'member.completed' || e.type === 'member.failed') finished.set(key(e), e.seq);
          }
          if (e.type === 'ranking.parsed') expect(started.has(2)).toBe(true);
        }
        // Every member that started also ended.
        const startedMembers = events.filter((e): e is MemberEvent => e.type === 'member.started').map(key);
        expect(new Set(startedMembers)).toEqual(new Set(finished.keys()));
      }),
      { numRuns: 150 },
    );
  });

  it('no member event comes after that member’s deadline', async () => {
    await fc.assert(
      fc.asyncProperty(randomCouncil, async (setup) => {
        const { run, input } = setupCouncil(setup);
        const events = await run();
        const startedAt = new Map<string, number>();
        for (const e of events) {
          if (!isMemberEvent(e)) continue;
          if (e.type === 'member.started') startedAt.set(key(e), e.t);
          const deadline = input.policy.deadlinesMs[STAGE_NAMES[e.stage]];
          // Events carry whole ms: two roundings of fractional times may differ by one.
          expect(e.t).toBeLessThanOrEqual(startedAt.get(key(e))! + deadline + 1);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('sends at most one delta per member per interval (the flush before completion aside), and the deltas rebuild the text', async () => {
    await fc.assert(
      fc.asyncProperty(randomCouncil, async (setup) => {
        const { run } = setupCouncil(setup);
        const events = await run();
        const byMember = new Map<string, MemberEvent[]>();
        for (const e of events) if (isMemberEvent(e)) byMember.set(key(e), [...(byMember.get(key(e)) ?? []), e]);
        for (const list of byMember.values()) {
          let lastDelta: number | null = null;
          let text = '';
          list.forEach((e, i) => {
            if (e.type === 'member.retrying') text = '';
            if (e.type === 'member.delta') {
              text += e.text;
              const finalFlush = list[i + 1]?.type === 'member.completed';
              if (lastDelta !== null && !finalFlush) expect(e.t - lastDelta).toBeGreaterThanOrEqual(DELTA_INTERVAL_MS);
              lastDelta = e.t;
            }
            if (e.type === 'member.completed') expect(text).toBe(e.text);
          });
        }
      }),
      { numRuns: 100 },
    );
  });
});
