import fc from 'fast-check';
import type { CouncilPolicy } from '@/lib/council/policy';
import type { ModelBehaviour } from '@/tests/support/scripted-model';
import type { CouncilSetup, MemberScript } from './council-fixture';

const answerBehaviour: fc.Arbitrary<ModelBehaviour> = fc.oneof(
  fc.record({ firstTokenMs: fc.integer({ min: 1, max: 2_500 }), tokensPerSecond: fc.integer({ min: 5, max: 400 }) }),
  fc.record({
    reply: fc.constant('a long answer with quite a few words in it to stream slowly'),
    firstTokenMs: fc.integer({ min: 1, max: 500 }),
    tokensPerSecond: fc.integer({ min: 2, max: 300 }),
  }),
  fc.record({ fail: fc.record({ afterTokens: fc.integer({ min: 0, max: 3 }) }), firstTokenMs: fc.integer({ min: 1, max: 3_000 }) }),
  fc.record({ hang: fc.record({ afterTokens: fc.integer({ min: 0, max: 2 }) }) }),
  fc.record({ empty: fc.constant(true), firstTokenMs: fc.integer({ min: 1, max: 1_000 }) }),
  fc.record({
    retries: fc.array(fc.record({ afterTokens: fc.integer({ min: 0, max: 2 }), delayMs: fc.integer({ min: 1, max: 500 }) }), {
      minLength: 1,
      maxLength: 2,
    }),
  }),
);

const rankingBehaviour = fc.oneof(
  fc.record({ kind: fc.constant('valid' as const), latency: fc.integer({ min: 1, max: 5_000 }) }),
  fc.record({ kind: fc.constant('invalid' as const), latency: fc.integer({ min: 1, max: 2_000 }) }),
  fc.record({ kind: fc.constant('fail' as const), latency: fc.integer({ min: 1, max: 2_000 }) }),
  fc.record({ kind: fc.constant('hang' as const), latency: fc.constant(0) }),
);

const synthesisBehaviour: fc.Arbitrary<ModelBehaviour> = fc.oneof(
  fc.record({ reply: fc.constant('the final word'), firstTokenMs: fc.integer({ min: 1, max: 3_000 }) }),
  fc.record({ fail: fc.record({ afterTokens: fc.integer({ min: 0, max: 2 }) }) }),
  fc.record({ hang: fc.record({ afterTokens: fc.integer({ min: 0, max: 2 }) }) }),
);

const policy: fc.Arbitrary<Partial<CouncilPolicy>> = fc.record({
  quorum: fc.constantFrom(0.25, 0.5, 0.75, 1),
  lateRankings: fc.constantFrom('keep' as const, 'cancel' as const),
  excludeSelf: fc.boolean(),
  minAnswers: fc.constantFrom(1, 2, 3),
});

/** A council of 1–5 members, each scripted at random for every stage, with a random policy. */
export const randomCouncil: fc.Arbitrary<CouncilSetup> = fc
  .record({
    members: fc.array(fc.record({ answer: answerBehaviour, ranking: rankingBehaviour, synthesis: synthesisBehaviour }), {
      minLength: 1,
      maxLength: 5,
    }),
    fallbacks: fc.integer({ min: 0, max: 2 }),
    policy,
    seed: fc.integer(),
  })
  .map(({ members, fallbacks, policy: p, seed }) => {
    const ids = members.map((_, i) => `m${i + 1}`);
    const scripts: Record<string, MemberScript> = {};
    members.forEach((m, i) => {
      const r = m.ranking;
      scripts[ids[i]] = {
        answer: m.answer,
        synthesis: m.synthesis,
        ranking:
          r.kind === 'valid'
            ? undefined
            : r.kind === 'invalid'
              ? { reply: 'no ranking here', firstTokenMs: r.latency }
              : r.kind === 'fail'
                ? { fail: { reason: 'http_500' }, firstTokenMs: r.latency }
                : { hang: {} },
      };
    });
    return { members: ids, chairman: ids[0], fallbackChairmen: ids.slice(1, 1 + fallbacks), policy: p, scripts, seed };
  });
