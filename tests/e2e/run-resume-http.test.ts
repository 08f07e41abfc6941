/**
 * Resumable runs over real HTTP against `next start` (DESIGN.md §7), with the council on the loopback fake
 * upstream so that every upstream call can be counted and timed: drop mid-stage and resume, never come back
 * (detached), cancel. Timings are reported, and asserted only with bounds a 10× slower machine passes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeUpstream } from '../support/fake-upstream';
import { councilConfig, expectContiguousToTerminal, isTerminal, midStage, startCouncilUpstream, storedRun, UPSTREAM_ENV, waitFor } from './support/council-fixture';
import { startNextInstance, type NextInstance } from './support/next-instance';
import { openSse } from './support/sse-client';

const GRACE_MS = 1_500;
let upstream: FakeUpstream;
let app: NextInstance;

beforeAll(async () => {
  upstream = await startCouncilUpstream();
  app = await startNextInstance({ config: councilConfig(upstream), env: { ...UPSTREAM_ENV, QUORUM_DETACH_GRACE_MS: String(GRACE_MS) } });
  // Load the run routes once, so that the timings below are not a cold start's.
  expect((await fetch(`${app.url}/api/runs/00000000-0000-4000-8000-000000000000/cancel`, { method: 'POST' })).status).toBe(404);
});

afterAll(async () => {
  await app?.stop();
  await upstream?.close();
});

async function startRun(base: string) {
  const { response, read } = await openSse(`${base}/api/council`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ question: 'Why is the sky blue?' }),
  });
  expect(response.status).toBe(200);
  return { runId: response.headers.get('x-run-id')!, conversationId: response.headers.get('x-conversation-id')!, read };
}

const requestsOf = (fromId: number) => upstream.requests.filter((r) => r.id > fromId);
const lastRequestId = () => upstream.requests.at(-1)?.id ?? 0;

describe('a browser run over HTTP (one instance)', () => {
  it('survives a dropped connection mid-stage: resuming after Last-Event-ID gives every event once, to the end', async () => {
    const since = lastRequestId();
    const { runId, conversationId, read } = await startRun(app.url);
    await read.until(midStage);
    read.drop();
    const before = [...read.events];
    expect(read.ids.slice(0, before.length)).toEqual(before.map((e) => String(e.seq)));
    await new Promise((resolve) => setTimeout(resolve, 300));

    const resumed = await openSse(`${app.url}/api/runs/${runId}/events`, { headers: { 'last-event-id': String(before.at(-1)!.seq) } });
    expect(resumed.response.status).toBe(200);
    expect(await resumed.read.finished).toBe(true);
    const all = [...before, ...resumed.read.events];
    expectContiguousToTerminal(all);
    const final = all.at(-1)!;
    expect(final.type).toBe('run.completed');

    const stored = await waitFor(() => storedRun(app.url, conversationId, runId), (run) => run?.status === 'completed');
    expect(final.type === 'run.completed' && final.text).toBe(stored!.finalText);
    expect(stored!.events).toEqual(all);
    // Nothing upstream noticed the drop: every call of the run ran to its end.
    const calls = requestsOf(since);
    expect(calls.length).toBeGreaterThanOrEqual(7);
    expect(calls.filter((r) => r.clientClosed)).toEqual([]);
  });

  it('cancels a run nobody comes back to when the grace ends, closing every upstream call (reason detached)', async () => {
    const since = lastRequestId();
    const { runId, conversationId, read } = await startRun(app.url);
    await read.until(midStage);
    read.drop();
    const droppedAt = performance.now();
    const open = requestsOf(since).filter((r) => r.endedAt === undefined);
    expect(open.length).toBeGreaterThan(0);

    const stored = await waitFor(() => storedRun(app.url, conversationId, runId), (run) => run?.status === 'cancelled', 20_000);
    expect(stored!.events.at(-1)).toMatchObject({ type: 'run.cancelled', reason: 'detached' });
    await waitFor(async () => open.every((r) => r.endedAt !== undefined), Boolean, 10_000);
    const closedAfter = open.map((r) => (r.clientClosedAt ?? r.endedAt!) - droppedAt);
    console.info(`[resume] detached run: upstream calls closed ${closedAfter.map((ms) => ms.toFixed(0)).join(', ')} ms after the drop (grace ${GRACE_MS} ms)`);
    expect(open.every((r) => r.clientClosed)).toBe(true);
    // Not before the grace, and promptly after it (a bound a slow, shared machine still meets).
    expect(Math.min(...closedAfter)).toBeGreaterThanOrEqual(GRACE_MS - 50);
    expect(Math.max(...closedAfter)).toBeLessThan(GRACE_MS + 3_000);
  });

  it('cancels at once on POST /api/runs/:id/cancel: upstream closed, the follower gets the server’s run.cancelled', async () => {
    const since = lastRequestId();
    const { runId, conversationId, read } = await startRun(app.url);
    await read.until(midStage);
    const open = requestsOf(since).filter((r) => r.endedAt === undefined);
    const sentAt = performance.now();
    const cancel = await fetch(`${app.url}/api/runs/${runId}/cancel`, { method: 'POST' });
    expect(cancel.status).toBe(202);
    await read.until((events) => isTerminal(events.at(-1)), 10_000);
    expect(read.events.at(-1)).toMatchObject({ type: 'run.cancelled', reason: 'cancelled' });
    await waitFor(async () => open.every((r) => r.endedAt !== undefined), Boolean, 10_000);
    const closedAfter = open.map((r) => r.clientClosedAt! - sentAt);
    console.info(`[resume] cancel on the same instance: upstream closed ${closedAfter.map((ms) => ms.toFixed(0)).join(', ')} ms after the request`);
    expect(open.every((r) => r.clientClosed)).toBe(true);
    expect(Math.max(...closedAfter)).toBeLessThan(1_000);
    const stored = await waitFor(() => storedRun(app.url, conversationId, runId), (run) => run?.status === 'cancelled');
    expect(stored!.events.at(-1)).toMatchObject({ type: 'run.cancelled', reason: 'cancelled' });
  });

  it('replays a finished run to its terminal event and closes; 404 for an unknown run, 400 for a malformed id', async () => {
    const { runId, read } = await startRun(app.url);
    expect(await read.finished).toBe(true);
    const replay = await openSse(`${app.url}/api/runs/${runId}/events?after=0`);
    expect(await replay.read.finished).toBe(true);
    expect(replay.read.events).toEqual(read.events);
    expect((await fetch(`${app.url}/api/runs/00000000-0000-4000-8000-000000000000/events`)).status).toBe(404);
    expect((await fetch(`${app.url}/api/runs/nope/events`)).status).toBe(400);
    expect((await fetch(`${app.url}/api/runs/nope/cancel`, { method: 'POST' })).status).toBe(400);
  });
});
