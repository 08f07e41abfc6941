import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withResilience } from '@/lib/providers/resilience';
import { startFakeUpstream, waitUntil, type FakeUpstream } from '@/tests/support/fake-upstream';
import { countingClock, rawModel, request, retryingChunks, run, useSocketLeakCheck, type Vendor } from './harness';

useSocketLeakCheck(() => startFakeUpstream());

const retry = { maxAttempts: 2, baseMs: 10, factor: 2, capMs: 40 };

describe.each<Vendor>(['openai', 'anthropic'])('withResilience over real HTTP (%s): timeouts and aborts', (vendor) => {
  let upstream: FakeUpstream;
  let clock: ReturnType<typeof countingClock>;

  beforeEach(async () => {
    upstream = await startFakeUpstream();
    clock = countingClock();
  });

  afterEach(async () => {
    try {
      // Every call here ends by cutting its connection, and the upstream sees each one closed.
      await waitUntil(() => upstream.requests.every((r) => r.clientClosed), 2_000, 'the upstream to see every close');
      await waitUntil(() => upstream.pendingTimers() === 0, 2_000, 'the upstream to hold no timer');
      // After an abort undici may open one fresh, idle connection in place of the cut one; no more.
      await waitUntil(() => upstream.openConnections() <= upstream.requests.length, 2_000, 'the cut connections to close');
      expect(clock.pending()).toBe(0);
    } finally {
      await upstream.close();
    }
  });

  function model(name: string) {
    return withResilience(rawModel(vendor, upstream, name), { retry, clock });
  }

  it('cuts a hang before the first byte at the first-token timeout, on every attempt', async () => {
    upstream.setScript('m', { fault: { kind: 'hang' } });
    const outcome = await run(model('m'), request({ firstTokenTimeoutMs: 200 }));
    expect(outcome.error?.reason).toBe('timeout');
    expect(outcome.error?.message).toContain('first token');
    expect(upstream.requests).toHaveLength(2);
    expect(retryingChunks(outcome)).toEqual([{ type: 'retrying', attempt: 2, delayMs: expect.any(Number), reason: 'timeout' }]);
    expect(outcome.elapsedMs).toBeGreaterThanOrEqual(400);
    expect(outcome.elapsedMs).toBeLessThan(3_000);
  });

  it('cuts a stream that stalls after a few tokens at the idle timeout', async () => {
    upstream.setScript('m', { content: 'one two three four five six', fault: { kind: 'stall', afterTokens: 3 } });
    const outcome = await run(model('m'), request({ idleTimeoutMs: 150 }));
    expect(outcome.error?.reason).toBe('timeout');
    expect(outcome.error?.message).toContain('next chunk');
    expect(upstream.requests).toHaveLength(2);
    expect(outcome.text).toBe('one two three ');
    expect(outcome.elapsedMs).toBeGreaterThanOrEqual(300);
    expect(outcome.elapsedMs).toBeLessThan(3_000);
  });

  it('ends at once with cancelled when the caller aborts during a back-off sleep', async () => {
    upstream.setScript('m', { fault: { kind: 'hang' } });
    const caller = new AbortController();
    const slow = withResilience(rawModel(vendor, upstream, 'm'), {
      retry: { maxAttempts: 3, baseMs: 10_000, factor: 1, capMs: 10_000 },
      clock,
      random: () => 0.99,
    });
    let abortedAt = 0;
    const started = performance.now();
    const chunks = [];
    let reason: string | undefined;
    try {
      for await (const chunk of slow.stream(request({ firstTokenTimeoutMs: 200, timeBudgetMs: 60_000 }), caller.signal)) {
        chunks.push(chunk);
        if (chunk.type === 'retrying') {
          setTimeout(() => {
            abortedAt = performance.now();
            caller.abort();
          }, 50);
        }
      }
    } catch (error) {
      reason = (error as { reason?: string }).reason;
    }
    const endedAt = performance.now();
    expect(reason).toBe('cancelled');
    expect(chunks).toEqual([{ type: 'retrying', attempt: 2, delayMs: 9_900, reason: 'timeout' }]);
    expect(upstream.requests).toHaveLength(1);
    expect(endedAt - abortedAt).toBeLessThan(100);
    expect(endedAt - started).toBeLessThan(2_000);
  });

  it('closes the upstream connection within 100 ms when the caller aborts mid-stream', async () => {
    upstream.setScript('m', { content: 'one two three four', fault: { kind: 'stall', afterTokens: 2 } });
    const caller = new AbortController();
    const outcomePromise = run(model('m'), request(), caller.signal);
    await waitUntil(() => upstream.requests.length === 1 && upstream.requests[0].status === 200, 2_000, 'the stream to start');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const abortedAt = performance.now();
    caller.abort();
    const outcome = await outcomePromise;
    expect(outcome.error?.reason).toBe('cancelled');
    await waitUntil(() => upstream.requests[0].clientClosed, 1_000, 'the upstream to see the close');
    expect((upstream.requests[0].clientClosedAt ?? Infinity) - abortedAt).toBeLessThan(100);
    expect(upstream.requests).toHaveLength(1);
  });
});
