import type { ChatRequest } from '@/lib/council/chat-model';
import type { CouncilInput } from '@/lib/council/council-input';
import type { CouncilEvent, EventOf } from '@/lib/council/events';
import { DEFAULT_POLICY, type CouncilPolicy } from '@/lib/council/policy';
import { seededRandom } from '@/lib/council/random';
import { runCouncil } from '@/lib/council/run-council';
import { collectEvents, type CollectOptions } from '@/tests/support/collect-events';
import { FakeClock } from '@/tests/support/fake-clock';
import { rankingReply, roleOf, ScriptedCouncil, type ScriptStep } from '@/tests/support/scripted-model';

/** What one member does in each stage; unspecified stages behave well. */
export interface MemberScript {
  answer?: ScriptStep;
  ranking?: ScriptStep | ((request: ChatRequest) => ScriptStep);
  synthesis?: ScriptStep;
}

export interface CouncilSetup {
  members?: string[];
  chairman?: string;
  fallbackChairmen?: string[];
  policy?: Partial<CouncilPolicy>;
  scripts?: Record<string, MemberScript>;
  /** Preference every judge ranks by by default (model ids, best first). */
  preference?: string[];
  seed?: number;
  signal?: AbortSignal;
  mode?: CouncilInput['mode'];
  pricing?: CouncilInput['pricing'];
}

export const TEST_POLICY: CouncilPolicy = {
  ...DEFAULT_POLICY,
  straggler: { factor: 1.5, floorMs: 300 },
  deadlinesMs: { answer: 5_000, ranking: 4_000, synthesis: 6_000 },
};

/** Builds a council of scripted members on a fake clock. */
export function setupCouncil(setup: CouncilSetup = {}) {
  const members = setup.members ?? ['m1', 'm2', 'm3', 'm4'];
  const clock = new FakeClock();
  const preference = setup.preference ?? members;
  const ids = new Set([...members, setup.chairman ?? members[0], ...(setup.fallbackChairmen ?? [])]);
  const scripts = Object.fromEntries(
    [...ids].map((id) => {
      const script = setup.scripts?.[id] ?? {};
      return [
        id,
        (request: ChatRequest): ScriptStep => {
          const role = roleOf(request);
          if (role === 'answer') return script.answer ?? {};
          if (role === 'synthesis') return script.synthesis ?? { reply: `final from ${id}` };
          const ranking = script.ranking;
          if (typeof ranking === 'function') return ranking(request);
          return ranking ?? { reply: rankingReply(request, preference), firstTokenMs: 50 };
        },
      ];
    }),
  );
  const council = new ScriptedCouncil(clock, scripts);
  const input: CouncilInput = {
    runId: 'run-1',
    question: 'Why is the sky blue?',
    tier: 'test',
    members,
    chairman: setup.chairman ?? members[0],
    fallbackChairmen: setup.fallbackChairmen ?? [],
    policy: { ...TEST_POLICY, ...setup.policy },
    signal: setup.signal,
    ...(setup.mode ? { mode: setup.mode } : {}),
    ...(setup.pricing ? { pricing: setup.pricing } : {}),
  };
  const deps = { model: council.model, clock, random: seededRandom(setup.seed ?? 7) };
  return {
    clock,
    council,
    input,
    deps,
    run: (options?: CollectOptions) => collectEvents(runCouncil(input, deps), clock, options),
  };
}

export function ofType<T extends CouncilEvent['type']>(events: CouncilEvent[], type: T): EventOf<T>[] {
  return events.filter((e): e is EventOf<T> => e.type === type);
}

export function terminal(events: CouncilEvent[]): CouncilEvent {
  return events[events.length - 1];
}
