import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '@/lib/config/load-config';
import { systemClock } from '@/lib/council/clock';
import type { CouncilEvent, EventOf } from '@/lib/council/events';
import { DEFAULT_POLICY } from '@/lib/council/policy';
import { seededRandom } from '@/lib/council/random';
import { runCouncil } from '@/lib/council/run-council';
import { ModelRegistry } from '@/lib/server/model-registry';
import { startFakeUpstream, waitUntil, type FakeUpstream } from '@/tests/support/fake-upstream';
import { councilMemberBehaviour } from '@/tests/support/fake-upstream/council-behaviour';
import { warmUp } from './harness';

vi.mock('server-only', () => ({}));

const IDS = ['m1', 'm2', 'm3', 'm4'];
const FAST = { answer: 15, ranking: 10, synthesis: 10 };
/** m3's upstream window: one request per WINDOW_MS, reported in OpenAI's headers; 429 past it. */
const WINDOW_MS = 4_000;

beforeAll(() => warmUp(() => startFakeUpstream()));

let upstream: FakeUpstream;
let dir: string;

beforeEach(async () => {
  upstream = await startFakeUpstream();
  dir = mkdtempSync(path.join(os.tmpdir(), 'quorum-rate-scope-'));
  for (const id of IDS) {
    upstream.setScript(id, {
      ...councilMemberBehaviour(id, { latencyMs: FAST, preference: IDS, tokensPerSecond: 2_000, padWords: 5 }),
      ...(id === 'm3' ? { rateLimit: { requests: 1, windowMs: WINDOW_MS, style: 'openai' as const } } : {}),
    });
  }
});

afterEach(async () => {
  try {
    await waitUntil(() => upstream.pendingTimers() === 0, 3_000, 'the fake upstream to go quiet');
  } finally {
    await upstream.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The server's own wiring (config → ModelRegistry → resilience layer) over one OpenAI-compatible provider. */
function registry(rateLimitScope?: 'model' | 'provider'): ModelRegistry {
  const file = path.join(dir, 'quorum.json');
  writeFileSync(
    file,
    JSON.stringify({
      providers: [{ id: 'fake', kind: 'openai-compatible', baseURL: `${upstream.url}/api/v1`, apiKeyEnv: 'FAKE_KEY', ...(rateLimitScope ? { rateLimitScope } : {}) }],
      models: IDS.map((id) => ({ id, provider: 'fake', model: id })),
      tiers: [{ id: 't', label: 'T', description: 'd', council: IDS, chairman: 'm1', straggler: { factor: 1.5, floorMs: 150 } }],
      defaultTier: 't',
    }),
  );
  const config = loadConfig({ env: { QUORUM_CONFIG: file, FAKE_KEY: 'sk-fake', OPENROUTER_API_KEY: 'unused' } });
  return new ModelRegistry(config, { env: { FAKE_KEY: 'sk-fake' }, clock: systemClock });
}

/**
 * The answer deadline outlasts m3's window, so a held answer waits (and is cut as a straggler); the ranking
 * deadline does not, so m3's ranking right after its answer is refused at once (rate_limited) instead of waiting.
 */
const POLICY = {
  ...DEFAULT_POLICY,
  straggler: { factor: 1.5, floorMs: 150 },
  deadlinesMs: { answer: 10_000, ranking: 3_000, synthesis: 3_000 },
};

async function council(models: ModelRegistry, n: number): Promise<{ events: CouncilEvent[]; ms: number }> {
  const policy = POLICY;
  const started = performance.now();
  const events: CouncilEvent[] = [];
  const input = { runId: `r${n}`, question: `Why? (${n})`, tier: 't', members: IDS, chairman: 'm1', fallbackChairmen: [], policy };
  for await (const event of runCouncil(input, { model: models.model, clock: systemClock, random: seededRandom(n) })) events.push(event);
  return { events, ms: performance.now() - started };
}


const stage1 = (events: CouncilEvent[]) =>
  events.filter((e): e is EventOf<'member.completed'> | EventOf<'member.failed'> => (e.type === 'member.completed' || e.type === 'member.failed') && e.stage === 1);

describe('rate limits keyed by model over real HTTP', () => {
  it('one member at its limit does not hold back the other members of the same provider', async () => {
    const models = registry();
    const first = await council(models, 1);
    expect(first.events.at(-1)?.type).toBe('run.completed');
    // m3's window is now spent (remaining 0, reset in ~4 s): its next call waits or is refused, the others go at once.
    const second = await council(models, 2);
    expect(second.events.at(-1)?.type).toBe('run.completed');
    const answers = stage1(second.events);
    const others = answers.filter((e) => e.model !== 'm3');
    expect(others.map((e) => e.type)).toEqual(['member.completed', 'member.completed', 'member.completed']);
    for (const e of others) expect(e.timing.queuedMs).toBe(0);
    const m3 = answers.find((e) => e.model === 'm3');
    // Held back by its own window, m3 is cut like any straggler once the others are in, and shows as queued.
    expect(m3).toMatchObject({ type: 'member.failed', reason: 'straggler' });
    expect(m3?.timing.queuedMs).toBeGreaterThan(0);
    // Generous: the council ends about a straggler floor after the others, never after m3's 4 s window.
    expect(second.ms).toBeLessThan(WINDOW_MS - 500);
    expect(upstream.requests.filter((r) => r.model === 'm3' && r.status === 429)).toHaveLength(0);
  });

  it('with rateLimitScope "provider", one window holds back every model of the provider', async () => {
    const models = registry('provider');
    await council(models, 1);
    const second = await council(models, 2);
    const answers = stage1(second.events);
    // Every member now waits on the one shared window m3's answer spent, until its reset: all show as queued.
    expect(answers).toHaveLength(IDS.length);
    for (const e of answers) expect(e.timing.queuedMs).toBeGreaterThan(1_000);
  });
});
