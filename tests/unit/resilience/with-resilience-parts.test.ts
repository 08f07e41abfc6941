import { describe, expect, it } from 'vitest';
import { Bulkhead, CircuitBreaker, ProviderLimiter, withResilience } from '@/lib/providers/resilience';
import { FakeClock, flush } from './fake-clock';
import { collect, httpError, request, scriptedModel, type Step } from './scripted-model';

const retry = { maxAttempts: 3, baseMs: 100, factor: 2, capMs: 1_000 };
const ok: Step[] = [{ delta: 'Hello' }];

describe('withResilience with breaker, bulkhead and limiter', () => {
  it('counts each failed attempt against the breaker and fails at once with circuit_open when it opens', async () => {
    const clock = new FakeClock();
    const { model, calls } = scriptedModel([[{ fail: httpError(500) }]], clock);
    const breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 10_000 }, clock);
    const resilient = withResilience(model, { retry, breaker, clock, random: () => 0 });
    const first = await clock.drive(collect(resilient.stream(request(), new AbortController().signal)));
    expect(first.error?.reason).toBe('http_500');
    expect(calls).toHaveLength(3);
    expect(breaker.state()).toBe('open');
    const second = await clock.drive(collect(resilient.stream(request(), new AbortController().signal)));
    expect(second.error?.reason).toBe('circuit_open');
    expect(second.chunks).toEqual([]);
    expect(calls).toHaveLength(3);
    expect(clock.pending()).toBe(0);
  });

  it('closes the breaker again after a successful half-open probe', async () => {
    const clock = new FakeClock();
    const { model, calls } = scriptedModel([[{ fail: httpError(500) }], ok], clock);
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 1_000 }, clock);
    const resilient = withResilience(model, { retry: { ...retry, maxAttempts: 1 }, breaker, clock });
    await clock.drive(collect(resilient.stream(request(), new AbortController().signal)));
    expect(breaker.state()).toBe('open');
    await clock.advance(1_000);
    const probe = await clock.drive(collect(resilient.stream(request(), new AbortController().signal)));
    expect(probe.error).toBeUndefined();
    expect(calls).toHaveLength(2);
    expect(breaker.state()).toBe('closed');
  });

  it('does not hold a cancelled call against the model', async () => {
    const clock = new FakeClock();
    const { model } = scriptedModel([[{ hang: 'until-aborted' }]], clock);
    const breaker = new CircuitBreaker({ failureThreshold: 1 }, clock);
    const resilient = withResilience(model, { retry, breaker, clock });
    const caller = new AbortController();
    const result = collect(resilient.stream(request(), caller.signal));
    await clock.advance(10);
    caller.abort();
    expect((await result).error?.reason).toBe('cancelled');
    expect(breaker.state()).toBe('closed');
  });

  it('frees the half-open probe when the consumer abandons the stream', async () => {
    const clock = new FakeClock();
    const { model } = scriptedModel([[{ fail: httpError(500) }], [{ delta: 'a' }, { hang: 'until-aborted' }]], clock);
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 1_000 }, clock);
    const resilient = withResilience(model, { retry: { ...retry, maxAttempts: 1 }, breaker, clock });
    await clock.drive(collect(resilient.stream(request(), new AbortController().signal)));
    await clock.advance(1_000);
    for await (const _chunk of resilient.stream(request(), new AbortController().signal)) break;
    expect(breaker.state()).toBe('half_open');
    expect(() => breaker.admit()).not.toThrow();
  });

  it('holds a slot of the bulkhead per attempt and gives it back after, also between retries', async () => {
    const clock = new FakeClock();
    const bulkhead = new Bulkhead({ maxConcurrent: 1, maxQueue: 0 }, clock);
    const { model } = scriptedModel([[{ wait: 100 }, { fail: httpError(503) }], [{ wait: 100 }, ...ok]], clock);
    const resilient = withResilience(model, { retry, bulkhead, clock, random: () => 0.99 });
    const iterator = resilient.stream(request(), new AbortController().signal)[Symbol.asyncIterator]();
    const retrying = iterator.next();
    await clock.advance(100);
    expect((await retrying).value).toMatchObject({ type: 'retrying' });
    expect(bulkhead.inFlight()).toBe(0);
    const rest = clock.drive(collect({ [Symbol.asyncIterator]: () => iterator }));
    await flush();
    expect((await rest).error).toBeUndefined();
    expect(bulkhead.inFlight()).toBe(0);
  });

  it('fails with overloaded, without calling the model, when the bulkhead queue is full', async () => {
    const clock = new FakeClock();
    const bulkhead = new Bulkhead({ maxConcurrent: 1, maxQueue: 0 }, clock);
    const { model, calls } = scriptedModel([[{ hang: 'until-aborted' }]], clock);
    const resilient = withResilience(model, { retry, bulkhead, clock });
    const caller = new AbortController();
    const first = collect(resilient.stream(request(), caller.signal));
    await flush();
    const second = await clock.drive(collect(resilient.stream(request(), new AbortController().signal)));
    expect(second.error?.reason).toBe('overloaded');
    expect(calls).toHaveLength(1);
    caller.abort();
    await first;
    expect(bulkhead.inFlight()).toBe(0);
  });

  it('waits for the limiter before calling the model, within the time budget', async () => {
    const clock = new FakeClock();
    const limiter = new ProviderLimiter({ reserveRequests: 0 }, clock);
    limiter.observe({
      status: 200,
      headers: new Headers({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '800ms' }),
    });
    const { model, calls } = scriptedModel([ok], clock);
    const resilient = withResilience(model, { retry, limiter, clock });
    const { error } = await clock.drive(collect(resilient.stream(request(), new AbortController().signal)));
    expect(error).toBeUndefined();
    expect(calls[0].startedAt).toBe(800);
  });

  it('announces a wait for the limiter as queued, then admitted, before the call goes out', async () => {
    const clock = new FakeClock();
    const limiter = new ProviderLimiter({ reserveRequests: 0 }, clock);
    limiter.observe({
      status: 200,
      headers: new Headers({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '800ms' }),
    });
    const { model } = scriptedModel([ok], clock);
    const seen: string[] = [];
    const stream = withResilience(model, { retry, limiter, clock }).stream(request(), new AbortController().signal);
    await clock.drive(
      (async () => {
        for await (const chunk of stream) seen.push(chunk.type === 'queue' ? `queue:${chunk.state}@${clock.now()}` : chunk.type);
      })(),
    );
    expect(seen[0]).toBe('queue:waiting@0');
    expect(seen[1]).toBe('queue:admitted@800');
    expect(seen.slice(2)).not.toContain('queue:waiting@0');
  });

  it('announces nothing for a call that neither the bulkhead nor the limiter holds back', async () => {
    const clock = new FakeClock();
    const limiter = new ProviderLimiter({ reserveRequests: 0 }, clock);
    const bulkhead = new Bulkhead({ maxConcurrent: 2, maxQueue: 0 }, clock);
    const { model } = scriptedModel([ok], clock);
    const types: string[] = [];
    const stream = withResilience(model, { retry, limiter, bulkhead, clock }).stream(request(), new AbortController().signal);
    await clock.drive(
      (async () => {
        for await (const chunk of stream) types.push(chunk.type);
      })(),
    );
    expect(types).not.toContain('queue');
  });

  it('announces a wait for a bulkhead slot as queued', async () => {
    const clock = new FakeClock();
    const bulkhead = new Bulkhead({ maxConcurrent: 1, maxQueue: 1 }, clock);
    const held = await bulkhead.acquire();
    const { model } = scriptedModel([ok], clock);
    const seen: string[] = [];
    const stream = withResilience(model, { retry, bulkhead, clock }).stream(request(), new AbortController().signal);
    clock.setTimer(held, 300);
    await clock.drive(
      (async () => {
        for await (const chunk of stream) if (chunk.type === 'queue') seen.push(`${chunk.state}@${clock.now()}`);
      })(),
    );
    expect(seen).toEqual(['waiting@0', 'admitted@300']);
  });

  it('fails with rate_limited at once when the limiter would hold the call past its budget', async () => {
    const clock = new FakeClock();
    const limiter = new ProviderLimiter({ reserveRequests: 0 }, clock);
    limiter.observe({ status: 429, headers: new Headers({ 'retry-after': '30' }) });
    const { model, calls } = scriptedModel([ok], clock);
    const resilient = withResilience(model, { retry, limiter, clock });
    const { error } = await clock.drive(
      collect(resilient.stream(request({ timeBudgetMs: 5_000 }), new AbortController().signal)),
    );
    expect(error?.reason).toBe('rate_limited');
    expect(calls).toHaveLength(0);
    expect(clock.now()).toBe(0);
    expect(clock.pending()).toBe(0);
  });
});
