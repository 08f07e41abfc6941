import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '@/lib/providers/resilience';
import { ModelCallError } from '@/lib/council/model-call-error';
import { FakeClock } from './fake-clock';
import { httpError } from './scripted-model';

const options = { failureThreshold: 3, failureRatio: 0.5, minimumCalls: 6, windowMs: 10_000, cooldownMs: 1_000 };

function setup() {
  const clock = new FakeClock();
  return { clock, breaker: new CircuitBreaker({ ...options, name: 'gpt-test' }, clock) };
}

function fail(breaker: CircuitBreaker, times = 1) {
  for (let i = 0; i < times; i += 1) breaker.admit().fail(httpError(500));
}

function succeed(breaker: CircuitBreaker, times = 1) {
  for (let i = 0; i < times; i += 1) breaker.admit().succeed();
}

function refusal(breaker: CircuitBreaker): ModelCallError {
  try {
    breaker.admit();
  } catch (error) {
    if (error instanceof ModelCallError) return error;
  }
  throw new Error('the breaker let the call through');
}

describe('CircuitBreaker', () => {
  it('stays closed below the consecutive-failure threshold', () => {
    const { breaker } = setup();
    fail(breaker, 2);
    expect(breaker.state()).toBe('closed');
    expect(() => breaker.admit()).not.toThrow();
  });

  it('opens after N consecutive failures and then refuses at once with circuit_open, not retryable', () => {
    const { breaker } = setup();
    fail(breaker, 3);
    expect(breaker.state()).toBe('open');
    const error = refusal(breaker);
    expect(error.reason).toBe('circuit_open');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('gpt-test');
    expect(error.retryAfterMs).toBe(1_000);
  });

  it('forgets a run of failures once a call succeeds', () => {
    const { breaker } = setup();
    fail(breaker, 2);
    succeed(breaker);
    fail(breaker, 2);
    expect(breaker.state()).toBe('closed');
  });

  it('opens on the failure ratio over the minimum number of calls in the window', () => {
    const { breaker } = setup();
    for (let i = 0; i < 3; i += 1) {
      succeed(breaker);
      fail(breaker);
    }
    expect(breaker.state()).toBe('open');
  });

  it('does not judge the ratio before the minimum number of calls', () => {
    const { breaker } = setup();
    succeed(breaker);
    fail(breaker, 2);
    succeed(breaker);
    fail(breaker);
    expect(breaker.state()).toBe('closed');
  });

  it('lets failures older than the window drop out of the ratio', async () => {
    const { clock, breaker } = setup();
    succeed(breaker);
    fail(breaker);
    succeed(breaker);
    fail(breaker);
    await clock.advance(10_001);
    succeed(breaker, 3);
    fail(breaker);
    expect(breaker.state()).toBe('closed');
  });

  it('lets exactly one half-open probe through after the cooldown', async () => {
    const { clock, breaker } = setup();
    fail(breaker, 3);
    await clock.advance(999);
    expect(breaker.state()).toBe('open');
    await clock.advance(1);
    expect(breaker.state()).toBe('half_open');
    const probe = breaker.admit();
    expect(refusal(breaker).reason).toBe('circuit_open');
    probe.succeed();
    expect(breaker.state()).toBe('closed');
    expect(() => breaker.admit()).not.toThrow();
  });

  it('re-opens for another cooldown when the probe fails', async () => {
    const { clock, breaker } = setup();
    fail(breaker, 3);
    await clock.advance(1_000);
    breaker.admit().fail(httpError(503));
    expect(breaker.state()).toBe('open');
    await clock.advance(999);
    expect(refusal(breaker).reason).toBe('circuit_open');
    await clock.advance(1);
    expect(breaker.state()).toBe('half_open');
  });

  it('frees the probe slot when the probe is cancelled, without counting a failure', async () => {
    const { clock, breaker } = setup();
    fail(breaker, 3);
    await clock.advance(1_000);
    breaker.admit().fail(new ModelCallError({ reason: 'cancelled', message: 'stop' }));
    expect(breaker.state()).toBe('half_open');
    const second = breaker.admit();
    second.release();
    expect(() => breaker.admit()).not.toThrow();
  });

  it('does not count cancelled or overloaded calls as failures', () => {
    const { breaker } = setup();
    for (let i = 0; i < 10; i += 1) {
      breaker.admit().fail(new ModelCallError({ reason: 'cancelled', message: 'stop' }));
      breaker.admit().fail(new ModelCallError({ reason: 'overloaded', message: 'full' }));
    }
    expect(breaker.state()).toBe('closed');
  });

  it('does not open on 429s: a model that is merely busy is not broken', () => {
    const { breaker } = setup();
    for (let i = 0; i < 20; i += 1) {
      breaker.admit().fail(new ModelCallError({ reason: 'rate_limited', message: '429', retryable: true }));
    }
    expect(breaker.state()).toBe('closed');
    // …and 429s do not hide real failures either: three 500s in a row (the threshold) still open it.
    fail(breaker, 3);
    expect(breaker.state()).toBe('open');
  });

  it('takes only the first verdict of a ticket', () => {
    const { breaker } = setup();
    const ticket = breaker.admit();
    ticket.succeed();
    ticket.fail(httpError(500));
    fail(breaker, 2);
    expect(breaker.state()).toBe('closed');
  });

  it('does not extend the cooldown for a straggler that fails while the circuit is open', async () => {
    const { clock, breaker } = setup();
    const straggler = breaker.admit();
    fail(breaker, 3);
    await clock.advance(600);
    straggler.fail(httpError(500));
    await clock.advance(400);
    expect(breaker.state()).toBe('half_open');
  });
});
