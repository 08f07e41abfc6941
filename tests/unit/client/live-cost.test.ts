import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CouncilEvent } from '@/lib/council/events';
import { runSpend } from '@/lib/client/live-cost';
import { initialRunState, reduceRun } from '@/lib/client/run-reducer';
import { setupCouncil } from '@/tests/unit/council/council-fixture';
import { randomCouncil } from '@/tests/unit/council/random-council';

const PRICE = { inputPerMTok: 3, outputPerMTok: 15 };

/** The exact figures the events report: every attempt that ended, completed or not. */
function reported(events: CouncilEvent[]) {
  let input = 0;
  let output = 0;
  let costUsd = 0;
  for (const e of events) {
    if (e.type === 'member.completed' || e.type === 'member.failed' || e.type === 'member.retrying') {
      input += e.usage?.input ?? 0;
      output += e.usage?.output ?? 0;
      costUsd += e.costUsd ?? 0;
    }
  }
  return { input, output, costUsd };
}

describe('live cost (property, random councils through the real engine and the reducer)', () => {
  it('equals the exact figure once every call has ended, and is an estimate while text streams', async () => {
    await fc.assert(
      fc.asyncProperty(randomCouncil, fc.constantFrom('answers', 'ranked', 'full') as fc.Arbitrary<'answers' | 'ranked' | 'full'>, async (setup, mode) => {
        const pricing = Object.fromEntries((setup.members ?? []).map((id) => [id, PRICE]));
        let state = initialRunState();
        let sawEstimate = false;
        let estimatedWhileIdle = false;
        const events = await setupCouncil({ ...setup, mode, pricing }).run({
          onEvent: (event) => {
            state = reduceRun(state, event);
            const spend = runSpend(state);
            const streaming = Object.values(state.stages).some((s) =>
              Object.values(s.members).some((m) => (m.status === 'streaming' || m.status === 'retrying') && m.text !== ''),
            );
            if (streaming) sawEstimate ||= spend.estimated;
            else estimatedWhileIdle ||= spend.estimated;
          },
        });
        expect(estimatedWhileIdle).toBe(false);
        const streamedText = events.some((e) => e.type === 'member.delta');
        if (streamedText) expect(sawEstimate).toBe(true);

        const spend = runSpend(state);
        const exact = reported(events);
        expect(spend.estimated).toBe(false);
        expect(spend.tokens).toEqual({ input: exact.input, output: exact.output });
        expect(spend.costUsd).toBeCloseTo(exact.costUsd, 12);
        const end = events.at(-1)!;
        if (end.type === 'run.completed') {
          expect(spend.tokens).toEqual(end.totals.tokens);
          expect(spend.costUsd).toBeCloseTo(end.totals.costUsd, 12);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('counts a streaming attempt as its prompt plus a token per four characters, at the model’s price', () => {
    let state = initialRunState();
    const base = { runId: 'r', t: 1 };
    const events: CouncilEvent[] = [
      { ...base, seq: 1, type: 'run.started', question: 'q', tier: 't', members: ['a', 'b'], chairman: 'a', fallbackChairmen: [], mode: 'full', pricing: { a: { inputPerMTok: 1e6, outputPerMTok: 2e6 } }, policy: setupCouncil().input.policy },
      { ...base, seq: 2, type: 'stage.started', stage: 1, models: ['a', 'b'] },
      { ...base, seq: 3, type: 'member.started', stage: 1, model: 'a', attempt: 1, promptTokens: 50 },
      { ...base, seq: 4, type: 'member.delta', stage: 1, model: 'a', text: 'twelve chars' },
    ];
    for (const event of events) state = reduceRun(state, event);
    expect(runSpend(state)).toEqual({ tokens: { input: 50, output: 3 }, costUsd: 50 + 6, estimated: true });
    state = reduceRun(state, { ...base, seq: 5, type: 'member.completed', stage: 1, model: 'a', text: 'twelve chars', usage: { input: 40, output: 4 }, costUsd: 48, timing: { startMs: 0, firstTokenMs: 1, endMs: 2 }, attempts: 1 });
    expect(runSpend(state)).toEqual({ tokens: { input: 40, output: 4 }, costUsd: 48, estimated: false });
  });
});
