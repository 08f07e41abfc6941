import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '@/lib/council/clock';
import type { CouncilEvent, EventOf } from '@/lib/council/events';
import { DEFAULT_POLICY } from '@/lib/council/policy';
import { seededRandom } from '@/lib/council/random';
import { runCouncil } from '@/lib/council/run-council';
import { startFakeUpstream, waitUntil, type FakeUpstream } from '@/tests/support/fake-upstream';
import { councilMemberBehaviour } from '@/tests/support/fake-upstream/council-behaviour';
import { httpCouncilModels } from '@/tests/support/fake-upstream/http-council';
import { trackTimers, type TimerTracker } from './timer-tracker';

const MEMBERS = { m1: 'openai', m2: 'anthropic', m3: 'openai', m4: 'anthropic' } as const;
const IDS = Object.keys(MEMBERS);
const POLICY = { ...DEFAULT_POLICY, straggler: { factor: 1.5, floorMs: 60 } };
const FAST = { answer: 15, ranking: 10, synthesis: 10 };

let upstream: FakeUpstream;
let timers: TimerTracker;

beforeEach(async () => {
  timers = trackTimers();
  upstream = await startFakeUpstream();
  for (const id of IDS) upstream.setScript(id, councilMemberBehaviour(id, { latencyMs: FAST, preference: IDS, tokensPerSecond: 2_000, padWords: 20 }));
});

afterEach(async () => {
  try {
    await waitUntil(() => upstream.pendingTimers() === 0, 3_000, 'the fake upstream to go quiet');
    await upstream.close();
    await waitUntil(() => upstream.openConnections() === 0, 2_000, 'every upstream connection to close');
    // Engine, resilience layer, adapters and SDKs together leave no timer behind once the run is over.
    await waitUntil(() => timers.pending().length === 0, 2_000, `pending timers to clear (${timers.pending().join(', ')})`);
  } finally {
    timers.restore();
  }
});

async function runOverHttp(signal?: AbortSignal, onEvent?: (event: CouncilEvent) => void): Promise<CouncilEvent[]> {
  const model = httpCouncilModels({ url: upstream.url, members: { ...MEMBERS } });
  const events: CouncilEvent[] = [];
  const input = { runId: 'r1', question: 'Why is the sky blue?', tier: 'balanced', members: IDS, chairman: 'm1', fallbackChairmen: ['m2'], policy: POLICY, signal };
  for await (const event of runCouncil(input, { model, clock: systemClock, random: seededRandom(7) })) {
    events.push(event);
    onEvent?.(event);
  }
  return events;
}

const ofType = <T extends CouncilEvent['type']>(events: CouncilEvent[], type: T) =>
  events.filter((e): e is EventOf<T> => e.type === type);

describe('a council over real HTTP through the real adapters and the resilience layer', () => {
  it('runs a normal council to completion, with tokens and usage from both protocols', async () => {
    const events = await runOverHttp();

    const done = events.at(-1) as EventOf<'run.completed'>;
    expect(done.type).toBe('run.completed');
    expect(done.text).toBe('The council agrees, says [m1].');
    const answers = ofType(events, 'member.completed').filter((e) => e.stage === 1);
    expect(answers.map((e) => e.model).sort()).toEqual(IDS);
    for (const a of answers) {
      expect(a.text).toContain(`answer from [${a.model}]`);
      expect(a.usage.output).toBeGreaterThan(0);
      expect(a.usage.input).toBeGreaterThan(0);
    }
    expect(ofType(events, 'ranking.parsed').every((r) => r.valid)).toBe(true);
    expect(ofType(events, 'member.delta').length).toBeGreaterThan(0);
    // 4 answers + 4 rankings + 1 synthesis, each once, over both wire protocols.
    expect(upstream.requests.filter((r) => r.protocol === 'openai').length).toBeGreaterThan(0);
    expect(upstream.requests.filter((r) => r.protocol === 'anthropic').length).toBeGreaterThan(0);
    expect(upstream.requests.length).toBeLessThanOrEqual(9);
    expect(upstream.requests.every((r) => r.status === 200)).toBe(true);
  });

  it('cuts a straggler after the quorum and closes its upstream connection', async () => {
    upstream.setScript('m4', councilMemberBehaviour('m4', { latencyMs: { ...FAST, answer: 5_000 }, preference: IDS }));
    const started = performance.now();
    const events = await runOverHttp();

    expect(events.at(-1)?.type).toBe('run.completed');
    const failed = ofType(events, 'member.failed');
    expect(failed).toEqual([expect.objectContaining({ stage: 1, model: 'm4', reason: 'straggler' })]);
    expect(performance.now() - started).toBeLessThan(4_000);
    const m4 = upstream.requests.find((r) => r.model === 'm4')!;
    await waitUntil(() => m4.clientClosed, 1_000, 'the straggler connection to close');
  });

  it('goes on without a member whose upstream keeps failing, after the resilience layer retried it', async () => {
    upstream.setScript('m3', { fault: { kind: 'status', status: 500 } });
    const events = await runOverHttp();

    expect(events.at(-1)?.type).toBe('run.completed');
    expect(ofType(events, 'member.failed')).toEqual([expect.objectContaining({ stage: 1, model: 'm3', reason: 'http_500' })]);
    expect(ofType(events, 'member.retrying').filter((e) => e.model === 'm3').length).toBeGreaterThan(0);
    expect(upstream.requests.filter((r) => r.model === 'm3')).toHaveLength(3);
  });

  it('recovers a member whose first attempt is rate limited, honouring retry-after-ms', async () => {
    upstream.setScript('m2', {
      ...councilMemberBehaviour('m2', { latencyMs: FAST, preference: IDS }),
      fault: { kind: 'status', status: 429, retryAfterMs: '30' },
      faultAttempts: 1,
    });
    const events = await runOverHttp();

    expect(events.at(-1)?.type).toBe('run.completed');
    const retry = ofType(events, 'member.retrying').find((e) => e.model === 'm2');
    expect(retry).toMatchObject({ reason: 'rate_limited' });
    expect(retry!.delayMs).toBeGreaterThanOrEqual(30);
    expect(ofType(events, 'member.failed')).toEqual([]);
    const [first, second] = upstream.requests.filter((r) => r.model === 'm2');
    expect(second.arrivedAt - first.arrivedAt).toBeGreaterThanOrEqual(29);
  });

  it('closes every upstream connection within 100 ms of a Stop', async () => {
    for (const id of IDS) upstream.setScript(id, councilMemberBehaviour(id, { latencyMs: { ...FAST, answer: 5 }, preference: IDS, tokensPerSecond: 20, padWords: 200 }));
    const controller = new AbortController();
    let stoppedAt = 0;
    const streaming = () => upstream.requests.filter((r) => r.status === 200 && r.endedAt === undefined).length;
    const events = await runOverHttp(controller.signal, (event) => {
      // Stop while all four answers are streaming, so that there is a connection to close for each.
      if (event.type === 'member.delta' && stoppedAt === 0 && streaming() === 4) {
        stoppedAt = performance.now();
        controller.abort();
      }
    });

    expect(events.at(-1)?.type).toBe('run.cancelled');
    expect(stoppedAt).toBeGreaterThan(0);
    const inFlight = upstream.requests;
    expect(inFlight.length).toBe(4);
    await waitUntil(() => inFlight.every((r) => r.clientClosed), 1_000, 'every upstream connection to close');
    for (const r of inFlight) expect(r.clientClosedAt! - stoppedAt).toBeLessThan(100);
  });
});
