import { describe, expect, it } from 'vitest';
import { withResilience } from '@/lib/providers/resilience';
import { FakeClock } from './fake-clock';
import { collect, request, scriptedModel } from './scripted-model';

const retry = { maxAttempts: 2, baseMs: 100, factor: 2, capMs: 1_000 };

describe('withResilience: edge cases', () => {
  it('fails with a timeout, without calling the model, when no time budget is left', async () => {
    const clock = new FakeClock();
    const { model, calls } = scriptedModel([[{ delta: 'a' }]], clock);
    const resilient = withResilience(model, { retry, clock });
    const { error } = await clock.drive(collect(resilient.stream(request({ timeBudgetMs: 0 }), new AbortController().signal)));
    expect(error?.reason).toBe('timeout');
    expect(calls).toHaveLength(0);
    expect(clock.pending()).toBe(0);
  });

  it('sets no timer it cannot keep for an unbounded budget or timeout', async () => {
    const clock = new FakeClock();
    const { model } = scriptedModel([[{ wait: 10 }, { delta: 'a' }]], clock);
    const resilient = withResilience(model, { retry, clock });
    const stream = resilient.stream(
      request({ timeBudgetMs: Number.POSITIVE_INFINITY, firstTokenTimeoutMs: Number.POSITIVE_INFINITY }),
      new AbortController().signal,
    );
    const iterator = stream[Symbol.asyncIterator]();
    const first = iterator.next();
    await clock.advance(0);
    expect(clock.pending()).toBe(1);
    await clock.advance(10);
    expect((await first).value).toEqual({ type: 'delta', text: 'a' });
    await iterator.return?.();
  });

  it('maps a model that throws a plain error as a retryable network failure', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const resilient = withResilience(
      {
        id: 'throws',
        stream: () => {
          calls += 1;
          throw new Error('socket hang up');
        },
      },
      { retry, clock, random: () => 0 },
    );
    const { chunks, error } = await clock.drive(collect(resilient.stream(request(), new AbortController().signal)));
    expect(error?.reason).toBe('network');
    expect(error?.message).toBe('socket hang up');
    expect(chunks).toEqual([{ type: 'retrying', attempt: 2, delayMs: 0, reason: 'network' }]);
    expect(calls).toBe(2);
    expect(clock.pending()).toBe(0);
  });
});
