import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ChatRequest } from '@/lib/council/chat-model';
import { rankingReply } from '@/tests/support/scripted-model';
import { ofType, setupCouncil } from './council-fixture';

const members = ['m1', 'm2', 'm3', 'm4'];
const preferences: Record<string, string[]> = {
  m1: ['m2', 'm3', 'm4', 'm1'],
  m2: ['m3', 'm1', 'm2', 'm4'],
  m3: ['m2', 'm4', 'm1', 'm3'],
  m4: ['m1', 'm2', 'm3', 'm4'],
};

async function aggregateFor(latencies: number[], seed: number) {
  const scripts = Object.fromEntries(
    members.map((m, i) => [
      m,
      { ranking: (request: ChatRequest) => ({ reply: rankingReply(request, preferences[m]), firstTokenMs: latencies[i] }) },
    ]),
  );
  const events = await setupCouncil({ members, scripts, seed, policy: { quorum: 1 } }).run();
  return ofType(events, 'ranking.aggregate')[0].entries;
}

describe('the aggregate at the engine level', () => {
  it('does not depend on the order in which rankings arrive, nor on the labels drawn', async () => {
    const baseline = await aggregateFor([10, 20, 30, 40], 1);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 3_000 }), { minLength: 4, maxLength: 4 }), fc.integer(), async (latencies, seed) => {
        expect(await aggregateFor(latencies, seed)).toEqual(baseline);
      }),
      { numRuns: 40 },
    );
  });

  it('a unanimous council gives that order', async () => {
    const events = await setupCouncil({ preference: ['m3', 'm1', 'm4', 'm2'], policy: { excludeSelf: false, quorum: 1 } }).run();
    expect(ofType(events, 'ranking.aggregate')[0].entries.map((e) => [e.model, e.averageRank, e.votes])).toEqual([
      ['m3', 1, 4],
      ['m1', 2, 4],
      ['m4', 3, 4],
      ['m2', 4, 4],
    ]);
  });
});
