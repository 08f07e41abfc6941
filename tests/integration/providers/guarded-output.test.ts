/**
 * Over real HTTP through the production wiring (config → adapter → guardModel → resilience → engine): an upstream
 * that ignores max_tokens is cut, and an upstream error that echoes a key reaches no event with the key in it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CouncilEvent, EventOf } from '@/lib/council/events';
import { OUTPUT_CHARS_PER_TOKEN_CAP } from '@/lib/providers/guard-model';
import { startFakeUpstream, waitUntil, type FakeUpstream } from '@/tests/support/fake-upstream';
import { councilMemberBehaviour } from '@/tests/support/fake-upstream/council-behaviour';
import { councilRequest, loadRoutes, readEvents } from '../api/route-harness';

vi.mock('server-only', () => ({}));

const KEY = 'sk\x2dor-v1-0123456789abcdef\u{30}123456789abcdef0123456789abcdef';
const ANSWER_TOKENS = 10;
const FAST = { answer: 5, ranking: 5, synthesis: 5 };

let upstream: FakeUpstream;
let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function council(members: string[]) {
  upstream = await startFakeUpstream();
  cleanups.push(() => upstream.close());
  for (const id of members) upstream.setScript(id, councilMemberBehaviour(id, { latencyMs: FAST, preference: members }));
  const routes = await loadRoutes(
    {
      models: members.map((id) => ({ id, provider: 'openrouter', model: id })),
      tiers: [{ id: 'guarded', council: members, chairman: members[0], minAnswers: 2, maxTokens: { answer: ANSWER_TOKENS, ranking: 200, synthesis: 200 } }],
      defaultTier: 'guarded',
    },
    { OPENROUTER_API_KEY: KEY, OPENROUTER_BASE_URL: `${upstream.url}/api/v1` },
  );
  cleanups.push(routes.cleanup);
  return routes;
}

async function ask(routes: Awaited<ReturnType<typeof council>>): Promise<CouncilEvent[]> {
  const response = await routes.council.POST(councilRequest({ question: 'What is a quorum?' }));
  expect(response.status).toBe(200);
  const { events } = await readEvents(response, (seen) => ['run.completed', 'run.failed'].includes(seen.at(-1)?.type ?? ''), 20_000);
  return events;
}

const failures = (events: CouncilEvent[]) => events.filter((e): e is EventOf<'member.failed'> => e.type === 'member.failed');

describe('upstream output is guarded in every adapter', () => {
  it('cuts a call that streams past its max_tokens cap, closes its connection, and the council goes on', async () => {
    const routes = await council(['ok-a', 'ok-b', 'looping']);
    // Ignores max_tokens: 20,000 words at 1,000 a second, i.e. "forever" for this test.
    upstream.setScript('looping', { content: 'again '.repeat(20_000), ignoreMaxTokens: true, tokensPerSecond: 1_000, firstTokenMs: 1 });
    const events = await ask(routes);

    const cut = failures(events).find((e) => e.model === 'looping' && e.stage === 1);
    expect(cut).toMatchObject({ reason: 'invalid_response', attempts: 1 });
    expect(cut?.message).toContain(`past ${ANSWER_TOKENS * OUTPUT_CHARS_PER_TOKEN_CAP} characters`);
    // Nothing it streamed beyond the cap reached the client.
    const streamed = events
      .filter((e): e is EventOf<'member.delta'> => e.type === 'member.delta' && e.model === 'looping' && e.stage === 1)
      .reduce((sum, e) => sum + e.text.length, 0);
    expect(streamed).toBeLessThanOrEqual(ANSWER_TOKENS * OUTPUT_CHARS_PER_TOKEN_CAP);
    expect(events.at(-1)?.type).toBe('run.completed');
    // Not retried (it would only loop again), and its connection was closed by us, long before its end.
    const looping = upstream.requests.filter((r) => r.model === 'looping' && (r.body as { max_tokens?: number }).max_tokens === ANSWER_TOKENS);
    expect(looping).toHaveLength(1);
    await waitUntil(() => looping[0].clientClosed, 5_000, 'the looping call to be closed');
  });

  it('redacts a key that an upstream error echoes, and anything else key-like, from every event', async () => {
    const routes = await council(['ok-a', 'ok-b', 'leaky']);
    const echoed =
      `Incorrect API key provided: ${KEY}. Also seen: sk\x2dant-api03-AbCdEfGhIjKlMnOpQrStUv, qk\x5fAbCdEfGhIjKlMnOpQrStUvWx, ` +
      'Authorization: Bearer ey\x4ahbGciOiJIUzI1NiJ9.payload.sig, api\x5fkey=hunter2hunter2 and 9f86d081884c7d65\u{39}a2feaa0c55ad015a3bf4f1b';
    upstream.setScript('leaky', { fault: { kind: 'status', status: 401, message: echoed } });
    const events = await ask(routes);

    const failed = failures(events).find((e) => e.model === 'leaky' && e.stage === 1);
    expect(failed?.reason).toBe('http_401');
    expect(failed?.message).toContain('Incorrect API key provided: [redacted]');
    const all = JSON.stringify(events);
    for (const secret of [KEY, 'sk\x2dant-api03-AbCd', 'qk_AbCd', 'ey\x4ahbGciOiJIUzI1NiJ9', 'hunter2', '9f86d081884c7d65']) {
      expect(all).not.toContain(secret);
    }
    expect(events.at(-1)?.type).toBe('run.completed');
  });
});
