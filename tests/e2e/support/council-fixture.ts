/**
 * A council on the loopback fake upstream, served by `next start` instances: three OpenAI-compatible members
 * whose stage-1 answers stream slowly enough (a few seconds) to drop, re-attach or cancel mid-stage.
 */
import { expect } from 'vitest';
import type { CouncilEvent } from '@/lib/council/events';
import { startFakeUpstream, type FakeUpstream } from '../../support/fake-upstream';
import { councilMemberBehaviour } from '../../support/fake-upstream/council-behaviour';

export const MEMBERS = ['m1', 'm2', 'm3'];

export async function startCouncilUpstream(options: { answerTokensPerSecond?: number; padWords?: number } = {}): Promise<FakeUpstream> {
  const upstream = await startFakeUpstream();
  for (const id of MEMBERS) {
    upstream.setScript(
      id,
      councilMemberBehaviour(id, {
        latencyMs: { answer: 50, ranking: 30, synthesis: 30 },
        tokensPerSecond: options.answerTokensPerSecond ?? 30,
        padWords: options.padWords ?? 60,
        preference: MEMBERS,
      }),
    );
  }
  return upstream;
}

/** The members on the built-in OpenRouter provider, pointed at the fake upstream (so the built-in tiers load too). */
export function councilConfig(upstream: FakeUpstream): object {
  return {
    providers: [{ id: 'openrouter', kind: 'openai-compatible', baseURL: `${upstream.url}/v1`, apiKeyEnv: 'OPENROUTER_API_KEY' }],
    models: MEMBERS.map((id) => ({ id, provider: 'openrouter', model: id, pricing: { inputPerMTok: 1, outputPerMTok: 2 } })),
    tiers: [{ id: 'fake', label: 'Fake', description: 'Fake upstream', council: MEMBERS, chairman: 'm1', fallbackChairmen: ['m2'] }],
    defaultTier: 'fake',
  };
}

export const UPSTREAM_ENV = { OPENROUTER_API_KEY: 'sk\x2dfake-upstream' };

export const isTerminal = (event: CouncilEvent | undefined): boolean =>
  event !== undefined && ['run.completed', 'run.failed', 'run.cancelled'].includes(event.type);

/** Mid-stage 1: some members have streamed a few tokens. */
export const midStage = (events: CouncilEvent[]): boolean => events.filter((e) => e.type === 'member.delta').length >= 3;

export async function storedRun(baseUrl: string, conversationId: string, runId: string) {
  const response = await fetch(`${baseUrl}/api/conversations/${conversationId}`);
  const conversation = (await response.json()) as { runs: { id: string; status: string; finalText: string | null; events: CouncilEvent[] }[] };
  return conversation.runs.find((run) => run.id === runId);
}

export async function waitFor<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value)?.slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** seq 1, 2, 3, … with no gap or duplicate, and exactly one terminal event, at the end. */
export function expectContiguousToTerminal(events: CouncilEvent[]): void {
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  expect(events.filter((e) => isTerminal(e))).toHaveLength(1);
  expect(isTerminal(events.at(-1))).toBe(true);
}
