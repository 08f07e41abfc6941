import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withResilience } from '@/lib/providers/resilience';
import { startFakeUpstream, waitUntil, type FakeUpstream } from '@/tests/support/fake-upstream';
import { countingClock, rawModel, request, retryingChunks, run, useSocketLeakCheck, type Vendor } from './harness';

useSocketLeakCheck(() => startFakeUpstream());

const retry = { maxAttempts: 3, baseMs: 10, factor: 2, capMs: 40 };
const ANSWER = 'The sky is blue because of Rayleigh scattering.';

describe.each<Vendor>(['openai', 'anthropic'])('withResilience over real HTTP (%s): faults', (vendor) => {
  let upstream: FakeUpstream;
  let clock: ReturnType<typeof countingClock>;

  beforeEach(async () => {
    upstream = await startFakeUpstream();
    clock = countingClock();
  });

  afterEach(async () => {
    try {
      // Every request the upstream saw has ended (answered or closed by us), and nobody holds a timer.
      await waitUntil(() => upstream.requests.every((r) => r.endedAt !== undefined), 2_000, 'every request to end');
      await waitUntil(() => upstream.pendingTimers() === 0, 2_000, 'the upstream to hold no timer');
      expect(clock.pending()).toBe(0);
      // Calls one after another over keep-alive: no connection is left holding a response.
      await waitUntil(() => upstream.openConnections() <= 2, 2_000, 'spare connections to close');
    } finally {
      await upstream.close();
    }
  });

  function model(name: string) {
    return withResilience(rawModel(vendor, upstream, name), { retry, clock });
  }

  function attempts(name: string) {
    return upstream.requests.filter((r) => r.model === name).length;
  }

  it('retries a 500 once and then streams the answer', async () => {
    upstream.setScript('m', { content: ANSWER, fault: { kind: 'status', status: 500 }, faultAttempts: 1 });
    const outcome = await run(model('m'), request());
    expect(outcome.error).toBeUndefined();
    expect(attempts('m')).toBe(2);
    expect(retryingChunks(outcome)).toEqual([{ type: 'retrying', attempt: 2, delayMs: expect.any(Number), reason: 'http_500' }]);
    expect(outcome.text).toBe(ANSWER);
    expect(outcome.chunks.at(-1)).toMatchObject({ type: 'finish' });
  });

  it('honours retry-after on a 429: the next attempt waits at least that long', async () => {
    upstream.setScript('m', {
      content: ANSWER,
      fault: { kind: 'status', status: 429, retryAfterMs: '120' },
      faultAttempts: 1,
    });
    const outcome = await run(model('m'), request());
    expect(outcome.error).toBeUndefined();
    const [first, second] = upstream.requests;
    expect(retryingChunks(outcome)).toEqual([{ type: 'retrying', attempt: 2, delayMs: 120, reason: 'rate_limited' }]);
    expect(second.arrivedAt - first.arrivedAt).toBeGreaterThanOrEqual(120);
    expect(outcome.elapsedMs).toBeLessThan(5_000);
  });

  it('honours retry-after in whole seconds too, above the back-off cap', async () => {
    upstream.setScript('m', { content: ANSWER, fault: { kind: 'status', status: 429, retryAfter: '1' }, faultAttempts: 1 });
    const outcome = await run(model('m'), request());
    expect(outcome.error).toBeUndefined();
    expect(retryingChunks(outcome)[0].delayMs).toBe(1_000);
    const [first, second] = upstream.requests;
    expect(second.arrivedAt - first.arrivedAt).toBeGreaterThanOrEqual(1_000);
  });

  it('retries a 529 (overloaded) and succeeds', async () => {
    upstream.setScript('m', { content: ANSWER, fault: { kind: 'status', status: 529 }, faultAttempts: 2 });
    const outcome = await run(model('m'), request());
    expect(outcome.error).toBeUndefined();
    expect(attempts('m')).toBe(3);
    expect(retryingChunks(outcome).map((c) => c.reason)).toEqual(['http_529', 'http_529']);
    expect(outcome.text).toBe(ANSWER);
  });

  it('gives up after maxAttempts on a 500 that does not go away', async () => {
    upstream.setScript('m', { fault: { kind: 'status', status: 500 } });
    const outcome = await run(model('m'), request());
    expect(outcome.error?.reason).toBe('http_500');
    expect(attempts('m')).toBe(3);
  });

  it('never retries a 400: one attempt, and the error says why', async () => {
    upstream.setScript('m', { fault: { kind: 'status', status: 400, message: 'max_tokens too large' } });
    const outcome = await run(model('m'), request());
    expect(outcome.error?.reason).toBe('http_400');
    expect(outcome.error?.retryable).toBe(false);
    expect(attempts('m')).toBe(1);
    expect(retryingChunks(outcome)).toEqual([]);
  });

  it('retries after a disconnect mid-stream, discarding the partial answer', async () => {
    upstream.setScript('m', { content: ANSWER, fault: { kind: 'disconnect', afterTokens: 3 }, faultAttempts: 1 });
    const outcome = await run(model('m'), request());
    expect(outcome.error).toBeUndefined();
    expect(attempts('m')).toBe(2);
    expect(['network', 'invalid_response']).toContain(retryingChunks(outcome)[0].reason);
    expect(outcome.text).toBe(ANSWER);
  });

  it('retries after malformed JSON in the stream', async () => {
    upstream.setScript('m', { content: ANSWER, fault: { kind: 'malformed', afterTokens: 2 }, faultAttempts: 1 });
    const outcome = await run(model('m'), request());
    expect(outcome.error).toBeUndefined();
    expect(attempts('m')).toBe(2);
    expect(retryingChunks(outcome)[0].reason).toBe('invalid_response');
    expect(outcome.text).toBe(ANSWER);
  });

  it('stops early, without sleeping, when the retry-after would pass the deadline', async () => {
    upstream.setScript('m', { fault: { kind: 'status', status: 503, retryAfterMs: '5000' } });
    const outcome = await run(model('m'), request({ timeBudgetMs: 1_000 }));
    expect(outcome.error?.reason).toBe('http_503');
    expect(attempts('m')).toBe(1);
    expect(retryingChunks(outcome)).toEqual([]);
    expect(outcome.elapsedMs).toBeLessThan(900);
  });
});
