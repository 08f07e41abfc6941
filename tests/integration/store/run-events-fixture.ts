/**
 * Builds well-formed council event streams for the store tests: seq 1..n, t increasing, one terminal event.
 */
import type { CouncilEvent, CouncilEventBody } from '@/lib/council/events';
import { DEFAULT_POLICY } from '@/lib/council/policy';

export type Ending = 'completed' | 'failed' | 'cancelled' | 'none';

export function stamp(runId: string, bodies: CouncilEventBody[], stepMs = 5): CouncilEvent[] {
  return bodies.map((body, i) => ({ ...body, runId, seq: i + 1, t: (i + 1) * stepMs }) as CouncilEvent);
}

/**
 * A small council run: two members answer (the second after one retried 503), one judge ranks, the chairman
 * synthesises; `ending` picks the terminal event ('none' stops before it).
 */
export function sampleRunBodies(options: { question?: string; answer?: string; ending?: Ending } = {}): CouncilEventBody[] {
  const question = options.question ?? 'What is a quorum?';
  const answer = options.answer ?? 'A quorum is the **minimum** number of members needed.';
  const usage = { input: 100, output: 40 };
  const bodies: CouncilEventBody[] = [
    { type: 'run.started', question, tier: 'balanced', members: ['m-a', 'm-b'], chairman: 'm-a', fallbackChairmen: [], policy: DEFAULT_POLICY },
    { type: 'stage.started', stage: 1, models: ['m-a', 'm-b'] },
    { type: 'member.started', stage: 1, model: 'm-a', attempt: 1 },
    { type: 'member.started', stage: 1, model: 'm-b', attempt: 1 },
    { type: 'member.delta', stage: 1, model: 'm-a', text: 'Quorum ' },
    { type: 'member.retrying', stage: 1, model: 'm-b', attempt: 2, delayMs: 10, reason: 'http_503' },
    { type: 'member.delta', stage: 1, model: 'm-a', text: 'is enough.' },
    {
      type: 'member.completed', stage: 1, model: 'm-a', text: 'Quorum is enough.', usage, costUsd: 0.001,
      timing: { startMs: 15, queuedMs: 4, firstTokenMs: 25, endMs: 35 }, attempts: 1,
    },
    { type: 'member.delta', stage: 1, model: 'm-b', text: 'Half plus one.' },
    {
      type: 'member.completed', stage: 1, model: 'm-b', text: 'Half plus one.', usage, costUsd: 0.002,
      timing: { startMs: 20, firstTokenMs: 45, endMs: 50 }, attempts: 2,
    },
    { type: 'stage.completed', stage: 1, durationMs: 40, succeeded: ['m-a', 'm-b'], failed: [] },
  ];
  if (options.ending === 'none') return bodies;
  if (options.ending === 'failed') {
    return [...bodies, { type: 'run.failed', reason: 'no_answers', message: 'Every member failed.' }];
  }
  if (options.ending === 'cancelled') {
    return [...bodies, { type: 'run.cancelled', reason: 'client', message: 'The client went away.' }];
  }
  return [
    ...bodies,
    { type: 'stage.started', stage: 3, models: ['m-a'] },
    { type: 'member.started', stage: 3, model: 'm-a', attempt: 1 },
    { type: 'member.failed', stage: 3, model: 'm-a', reason: 'http_500', message: 'Upstream said 500.', timing: { startMs: 65, firstTokenMs: null, endMs: 70 }, attempts: 1 },
    { type: 'warning', code: 'chairman_failed', message: 'Delivering the top answer.' },
    {
      type: 'run.completed', text: answer, chairman: null, degraded: true,
      totals: { durationMs: 80, stages: [{ stage: 1, durationMs: 40 }], tokens: { input: 200, output: 80 }, costUsd: 0.003 },
    },
  ];
}

export function sampleRun(runId: string, options: Parameters<typeof sampleRunBodies>[0] = {}): CouncilEvent[] {
  return stamp(runId, sampleRunBodies(options));
}

export async function* fromArray<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

export async function drain<T>(items: AsyncIterable<T>, stopAfter = Infinity): Promise<T[]> {
  const seen: T[] = [];
  for await (const item of items) {
    seen.push(item);
    if (seen.length >= stopAfter) break;
  }
  return seen;
}
