/**
 * A client that stops reading cannot hold a run (DESIGN.md §5): over real HTTP, against the fake upstream, a
 * client that sends its question and then reads nothing has its run cancelled with reason `client_stalled`, and
 * every upstream call is closed, while the run's end is still recorded.
 */
import { connect } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CouncilEvent } from '@/lib/council/events';
import type { Store } from '@/lib/store/store';
import { startFakeUpstream, waitUntil, type FakeUpstream } from '@/tests/support/fake-upstream';
import { councilMemberBehaviour } from '@/tests/support/fake-upstream/council-behaviour';
import { serveRoute } from '@/tests/support/route-over-http';
import { loadRoutes } from './route-harness';

vi.mock('server-only', () => ({}));

const MEMBERS = ['long-a', 'long-b', 'long-c'];
const STALL_MS = 1_000;

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** Sends the request over a raw socket and never reads the answer: the socket's buffers fill and stay full. */
function stalledClient(url: string, body: string): void {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  socket.write(
    `POST /api/council HTTP/1.1\r\nHost: ${hostname}:${port}\r\ncontent-type: application/json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  // No 'data' listener and paused: Node reads at most its small buffer, then the kernel window closes.
  socket.pause();
  cleanups.push(() => socket.destroy());
}

/** The events of the first run once it is no longer running; polls the store, bounded in time. */
async function endedRunEvents(store: Store, deadlineMs: number): Promise<CouncilEvent[]> {
  const deadline = performance.now() + deadlineMs;
  while (performance.now() < deadline) {
    const [conversation] = (await store.listConversations({ limit: 1 })).items;
    const [run] = conversation ? await store.listRuns(conversation.id) : [];
    if (run && run.status !== 'running') return store.listEvents(run.id);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the run did not end within ${deadlineMs} ms`);
}

describe('a client that stops reading', () => {
  it('has its run cancelled with client_stalled and every upstream call closed', async () => {
    const upstream: FakeUpstream = await startFakeUpstream();
    cleanups.push(() => upstream.close());
    for (const id of MEMBERS) {
      upstream.setScript(id, {
        ...councilMemberBehaviour(id, { latencyMs: { answer: 5, ranking: 5, synthesis: 5 }, preference: MEMBERS }),
        // 2,000 "tokens" of 2 KB each at 250 a second: 0.5 MB/s per member for 8 s, far more than the socket buffers
        // hold (a few MB on loopback), and far longer than the stall timeout.
        content: `${'x'.repeat(2_047)} `.repeat(2_000),
        tokensPerSecond: 250,
      });
    }
    const routes = await loadRoutes(
      {
        models: MEMBERS.map((id) => ({ id, provider: 'openrouter', model: id })),
        tiers: [{ id: 'long', council: MEMBERS, chairman: MEMBERS[0], maxTokens: { answer: 1_000_000, ranking: 500, synthesis: 500 }, deadlinesMs: { answer: 120_000 } }],
        defaultTier: 'long',
      },
      { OPENROUTER_API_KEY: 'sk\x2dor-test-stall', OPENROUTER_BASE_URL: `${upstream.url}/api/v1`, QUORUM_CLIENT_STALL_MS: String(STALL_MS) },
    );
    cleanups.push(routes.cleanup);
    const served = await serveRoute((request) => routes.council.POST(request));
    cleanups.push(served.close);

    stalledClient(served.url, JSON.stringify({ question: 'Tell me everything.' }));
    // The same store the route records into (one per process, opened from the stubbed environment).
    const { getStore } = await import('@/lib/store/get-store');
    const store = await getStore();

    // The run ends, cancelled for the stalled client, long before the upstream answers would have.
    const events = await endedRunEvents(store, 40_000);
    expect(events.at(-1)).toMatchObject({ type: 'run.cancelled', reason: 'client_stalled' });
    // Every upstream call was closed by us, mid-stream.
    await waitUntil(() => upstream.requests.every((request) => request.endedAt !== undefined), 5_000, 'every upstream call to end');
    expect(upstream.requests.length).toBeGreaterThan(0);
    expect(upstream.requests.every((request) => request.clientClosed)).toBe(true);
  }, 60_000);
});
