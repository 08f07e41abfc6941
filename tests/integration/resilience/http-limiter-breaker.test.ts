import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CircuitBreaker, ProviderLimiter, withResilience } from '@/lib/providers/resilience';
import { startFakeUpstream, waitUntil, type FakeUpstream } from '@/tests/support/fake-upstream';
import { countingClock, rawModel, request, run, warmUp, type Vendor } from './harness';

const once = { maxAttempts: 1, baseMs: 10, factor: 2, capMs: 40 };
const RESET_MS = 300;

/** "No requests left, back in RESET_MS", in each vendor's own headers. */
function exhaustedHeaders(vendor: Vendor): Record<string, string> {
  return vendor === 'openai'
    ? { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': `${RESET_MS}ms` }
    : {
        'anthropic-ratelimit-requests-remaining': '0',
        'anthropic-ratelimit-requests-reset': new Date(Date.now() + RESET_MS).toISOString(),
      };
}

beforeAll(() => warmUp(() => startFakeUpstream()));

describe.each<Vendor>(['openai', 'anthropic'])('limiter and breaker over real HTTP (%s)', (vendor) => {
  let upstream: FakeUpstream;
  let clock: ReturnType<typeof countingClock>;

  beforeEach(async () => {
    upstream = await startFakeUpstream();
    clock = countingClock();
  });

  afterEach(async () => {
    try {
      await waitUntil(() => upstream.requests.every((r) => r.endedAt !== undefined), 2_000, 'every request to end');
      expect(clock.pending()).toBe(0);
    } finally {
      await upstream.close();
    }
  });

  it('holds the next call back until the reset when the upstream says no requests remain', async () => {
    upstream.setScript('m', { content: 'fine', headers: exhaustedHeaders(vendor) });
    const limiter = new ProviderLimiter({ reserveRequests: 0 }, clock);
    const model = withResilience(rawModel(vendor, upstream, 'm', limiter.observe), { retry: once, limiter, clock });
    const first = await run(model, request());
    expect(first.error).toBeUndefined();
    const secondStarted = performance.now();
    const second = await run(model, request());
    expect(second.error).toBeUndefined();
    const [firstRequest, secondRequest] = upstream.requests;
    expect(upstream.requests).toHaveLength(2);
    // The hold is measured from the first response, which the limiter saw before the call ended.
    expect(secondRequest.arrivedAt - firstRequest.arrivedAt).toBeGreaterThanOrEqual(RESET_MS - 50);
    expect(secondRequest.arrivedAt - secondStarted).toBeGreaterThanOrEqual(100);
    expect(second.elapsedMs).toBeLessThan(3_000);
  });

  it('pauses the provider after a 429 so that another model of it waits too', async () => {
    upstream.setScript('a', { fault: { kind: 'status', status: 429, retryAfterMs: '250' } });
    upstream.setScript('b', { content: 'fine' });
    const limiter = new ProviderLimiter({}, clock);
    const a = withResilience(rawModel(vendor, upstream, 'a', limiter.observe), { retry: once, limiter, clock });
    const b = withResilience(rawModel(vendor, upstream, 'b', limiter.observe), { retry: once, limiter, clock });
    const refused = await run(a, request());
    expect(refused.error?.reason).toBe('rate_limited');
    const held = await run(b, request());
    expect(held.error).toBeUndefined();
    const [aRequest, bRequest] = upstream.requests;
    expect(bRequest.arrivedAt - aRequest.arrivedAt).toBeGreaterThanOrEqual(200);
  });

  it('opens the breaker after repeated 500s; the next call fails with circuit_open without reaching the upstream', async () => {
    upstream.setScript('m', { fault: { kind: 'status', status: 500 } });
    const breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 60_000, name: 'test-m' }, clock);
    const model = withResilience(rawModel(vendor, upstream, 'm'), { retry: once, breaker, clock });
    for (let i = 0; i < 3; i += 1) expect((await run(model, request())).error?.reason).toBe('http_500');
    expect(breaker.state()).toBe('open');
    const refused = await run(model, request());
    expect(refused.error?.reason).toBe('circuit_open');
    expect(refused.elapsedMs).toBeLessThan(50);
    expect(upstream.requests).toHaveLength(3);
  });

  it('lets one probe through after the cooldown and closes again when it succeeds', async () => {
    upstream.setScript('m', { content: 'back', fault: { kind: 'status', status: 500 }, faultAttempts: 2 });
    const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 150 }, clock);
    const model = withResilience(rawModel(vendor, upstream, 'm'), { retry: once, breaker, clock });
    await run(model, request());
    await run(model, request());
    expect((await run(model, request())).error?.reason).toBe('circuit_open');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const probe = await run(model, request());
    expect(probe.error).toBeUndefined();
    expect(probe.text).toBe('back');
    expect(breaker.state()).toBe('closed');
    expect(upstream.requests).toHaveLength(3);
  });
});
