import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProviderLimiter } from '@/lib/providers/resilience';
import { FakeClock } from './fake-clock';

const WALL = Date.parse('2026-01-01T00:00:00Z');

function setup(reserveRequests = 0) {
  const clock = new FakeClock();
  const limiter = new ProviderLimiter({ reserveRequests, name: 'openai' }, clock, () => WALL + clock.now());
  return { clock, limiter };
}

function openai(remainingRequests: number, reset: string, extra: Record<string, string> = {}) {
  return new Headers({ 'x-ratelimit-remaining-requests': String(remainingRequests), 'x-ratelimit-reset-requests': reset, ...extra });
}

describe('ProviderLimiter', () => {
  it('lets calls through while nothing is known about the limits', async () => {
    const { clock, limiter } = setup();
    await clock.drive(limiter.acquire());
    expect(clock.now()).toBe(0);
  });

  it('holds a call back until the reset when no requests remain', async () => {
    const { clock, limiter } = setup();
    limiter.observe({ status: 200, headers: openai(0, '750ms') });
    expect(limiter.waitMs()).toBe(750);
    await clock.drive(limiter.acquire());
    expect(clock.now()).toBe(750);
    expect(clock.pending()).toBe(0);
  });

  it('holds back before the limit: at or below the reserve', async () => {
    const { clock, limiter } = setup(2);
    limiter.observe({ status: 200, headers: openai(2, '1s') });
    await clock.drive(limiter.acquire());
    expect(clock.now()).toBe(1_000);
  });

  it('counts its own calls against the remaining requests until the next response', async () => {
    const { clock, limiter } = setup();
    limiter.observe({ status: 200, headers: openai(2, '2s') });
    await clock.drive(limiter.acquire());
    await clock.drive(limiter.acquire());
    expect(clock.now()).toBe(0);
    await clock.drive(limiter.acquire());
    expect(clock.now()).toBe(2_000);
  });

  it('holds back a call whose estimated tokens exceed the tokens remaining', async () => {
    const { clock, limiter } = setup();
    limiter.observe({
      status: 200,
      headers: new Headers({ 'x-ratelimit-remaining-tokens': '500', 'x-ratelimit-reset-tokens': '6s' }),
    });
    expect(limiter.waitMs(400)).toBe(0);
    expect(limiter.waitMs(600)).toBe(6_000);
    await clock.drive(limiter.acquire(undefined, { tokens: 600 }));
    expect(clock.now()).toBe(6_000);
  });

  it("reads Anthropic's ISO reset time against the wall clock", async () => {
    const { clock, limiter } = setup();
    limiter.observe({
      status: 200,
      headers: new Headers({
        'anthropic-ratelimit-requests-remaining': '0',
        'anthropic-ratelimit-requests-reset': new Date(WALL + 1_500).toISOString(),
      }),
    });
    await clock.drive(limiter.acquire());
    expect(clock.now()).toBe(1_500);
  });

  it('pauses the whole provider after a 429 until its retry-after', async () => {
    const { clock, limiter } = setup();
    limiter.observe({ status: 429, headers: new Headers({ 'retry-after': '3' }) });
    expect(limiter.waitMs()).toBe(3_000);
    await Promise.all([clock.drive(limiter.acquire()), clock.drive(limiter.acquire())]);
    expect(clock.now()).toBe(3_000);
  });

  it("pauses after a 429 until the exhausted window's reset when there is no retry-after", () => {
    const { limiter } = setup();
    limiter.observe({ status: 429, headers: openai(0, '4s', { 'x-ratelimit-remaining-tokens': '900', 'x-ratelimit-reset-tokens': '1m0s' }) });
    expect(limiter.waitMs()).toBe(4_000);
  });

  it('pauses for a default time after a 429 that says nothing', () => {
    const { limiter } = setup();
    limiter.observe({ status: 429, headers: new Headers() });
    expect(limiter.waitMs()).toBe(1_000);
  });

  it('gives up at once with rate_limited when the wait would pass maxWaitMs', async () => {
    const { clock, limiter } = setup();
    limiter.observe({ status: 200, headers: openai(0, '5s') });
    await expect(limiter.acquire(undefined, { maxWaitMs: 4_000 })).rejects.toMatchObject({
      reason: 'rate_limited',
      retryable: false,
      retryAfterMs: 5_000,
    });
    expect(clock.pending()).toBe(0);
  });

  it('ends a wait at once when the signal aborts', async () => {
    const { clock, limiter } = setup();
    limiter.observe({ status: 200, headers: openai(0, '5s') });
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    await clock.advance(100);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ reason: 'cancelled' });
    expect(clock.pending()).toBe(0);
  });

  it('ignores a remaining count that comes without its reset', () => {
    const { limiter } = setup();
    limiter.observe({ status: 200, headers: new Headers({ 'x-ratelimit-remaining-requests': '0' }) });
    expect(limiter.waitMs()).toBe(0);
  });

  it('can be handed over unbound as an onResponse callback', () => {
    const { limiter } = setup();
    const onResponse = limiter.observe;
    onResponse({ status: 200, headers: openai(0, '1s') });
    expect(limiter.waitMs()).toBe(1_000);
  });

  it('caps a pause from retry-after at maxPauseMs, however long the server asks for', () => {
    const clock = new FakeClock();
    const limiter = new ProviderLimiter({ maxPauseMs: 5_000 }, clock, () => WALL + clock.now());
    limiter.observe({ status: 429, headers: new Headers({ 'retry-after': '86400' }) });
    expect(limiter.waitMs()).toBe(5_000);
  });

  it('caps a window reset read from the headers at maxPauseMs', () => {
    const clock = new FakeClock();
    const limiter = new ProviderLimiter({ maxPauseMs: 5_000, reserveRequests: 0 }, clock, () => WALL + clock.now());
    limiter.observe({ status: 429, headers: openai(0, '6m0s') });
    expect(limiter.waitMs()).toBe(5_000);
  });

  it('caps pauses at one minute by default', () => {
    const { limiter } = setup();
    limiter.observe({ status: 429, headers: new Headers({ 'retry-after-ms': String(3_600_000) }) });
    expect(limiter.waitMs()).toBe(60_000);
  });

  it('never pauses longer than the cap, whatever retry-after says (property)', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), fc.integer({ min: 1, max: 120_000 }), (retryAfterMs, cap) => {
        const clock = new FakeClock();
        const limiter = new ProviderLimiter({ maxPauseMs: cap }, clock, () => WALL + clock.now());
        limiter.observe({ status: 429, headers: new Headers({ 'retry-after-ms': String(retryAfterMs) }) });
        expect(limiter.waitMs()).toBe(Math.min(retryAfterMs, cap));
      }),
    );
  });
});
