import { describe, expect, it } from 'vitest';
import { Bulkhead } from '@/lib/providers/resilience';
import { ModelCallError } from '@/lib/council/model-call-error';
import { FakeClock, flush } from './fake-clock';

function setup(maxConcurrent = 2, maxQueue = 2) {
  const clock = new FakeClock();
  return { clock, bulkhead: new Bulkhead({ maxConcurrent, maxQueue, name: 'openrouter' }, clock) };
}

describe('Bulkhead', () => {
  it('lets up to maxConcurrent calls in at once', async () => {
    const { bulkhead } = setup();
    await bulkhead.acquire();
    await bulkhead.acquire();
    expect(bulkhead.inFlight()).toBe(2);
    expect(bulkhead.queued()).toBe(0);
  });

  it('queues the calls past it and lets them in first come, first served', async () => {
    const { bulkhead } = setup(1, 3);
    const first = await bulkhead.acquire();
    const order: string[] = [];
    const waiting = ['a', 'b', 'c'].map((name) =>
      bulkhead.acquire().then((release) => {
        order.push(name);
        return release;
      }),
    );
    await flush();
    expect(order).toEqual([]);
    expect(bulkhead.queued()).toBe(3);
    first();
    (await waiting[0])();
    (await waiting[1])();
    await waiting[2];
    expect(order).toEqual(['a', 'b', 'c']);
    expect(bulkhead.inFlight()).toBe(1);
  });

  it('refuses with overloaded once the queue is full, and says it is saturated', async () => {
    const { bulkhead } = setup(1, 1);
    await bulkhead.acquire();
    expect(bulkhead.saturated()).toBe(false);
    void bulkhead.acquire();
    expect(bulkhead.saturated()).toBe(true);
    const error = await bulkhead.acquire().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelCallError);
    expect((error as ModelCallError).reason).toBe('overloaded');
    expect((error as ModelCallError).retryable).toBe(false);
    expect((error as ModelCallError).retryAfterMs).toBeGreaterThanOrEqual(1_000);
  });

  it('takes a waiting call whose signal aborts out of the queue', async () => {
    const { bulkhead } = setup(1, 1);
    const holder = await bulkhead.acquire();
    const controller = new AbortController();
    const waiting = bulkhead.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ reason: 'cancelled' });
    expect(bulkhead.queued()).toBe(0);
    const next = bulkhead.acquire();
    holder();
    await next;
    expect(bulkhead.inFlight()).toBe(1);
  });

  it('refuses at once a caller that has already aborted', async () => {
    const { bulkhead } = setup();
    const controller = new AbortController();
    controller.abort();
    await expect(bulkhead.acquire(controller.signal)).rejects.toMatchObject({ reason: 'cancelled' });
    expect(bulkhead.inFlight()).toBe(0);
  });

  it('ignores a second release of the same slot', async () => {
    const { bulkhead } = setup(2, 0);
    const release = await bulkhead.acquire();
    await bulkhead.acquire();
    release();
    release();
    expect(bulkhead.inFlight()).toBe(1);
  });

  it('does not let a newcomer jump the queue when a slot frees', async () => {
    const { bulkhead } = setup(1, 2);
    const holder = await bulkhead.acquire();
    let queuedGotIt = false;
    const queued = bulkhead.acquire().then((r) => {
      queuedGotIt = true;
      return r;
    });
    holder();
    const newcomer = bulkhead.acquire();
    await queued;
    expect(queuedGotIt).toBe(true);
    expect(bulkhead.queued()).toBe(1);
    (await queued)();
    await newcomer;
  });

  it('estimates Retry-After from how long calls hold their slot and how many wait', async () => {
    const { clock, bulkhead } = setup(1, 10);
    for (let i = 0; i < 30; i += 1) {
      const release = await bulkhead.acquire();
      await clock.advance(10_000);
      release();
    }
    expect(bulkhead.retryAfterSeconds()).toBe(10);
    await bulkhead.acquire();
    for (let i = 0; i < 2; i += 1) void bulkhead.acquire();
    expect(bulkhead.retryAfterSeconds()).toBe(30);
  });

  it('keeps Retry-After within 1 to 60 seconds', async () => {
    const { bulkhead } = setup(1, 500);
    expect(bulkhead.retryAfterSeconds()).toBeGreaterThanOrEqual(1);
    await bulkhead.acquire();
    for (let i = 0; i < 500; i += 1) void bulkhead.acquire();
    expect(bulkhead.retryAfterSeconds()).toBe(60);
  });
});
