import { describe, expect, it } from 'vitest';
import { withResilience } from '@/lib/providers/resilience';
import { FakeClock } from './fake-clock';
import { collect, httpError, request, scriptedModel, type Step } from './scripted-model';

const once = { maxAttempts: 1, baseMs: 100, factor: 2, capMs: 1_000 };
const twice = { ...once, maxAttempts: 2 };
const ok: Step[] = [{ delta: 'Hello' }];

function setup(scripts: Step[][], retry = once) {
  const clock = new FakeClock();
  const { model, calls } = scriptedModel(scripts, clock);
  const resilient = withResilience(model, { retry, clock, random: () => 0 });
  return { clock, calls, resilient };
}

describe('withResilience: first-token and idle timeouts', () => {
  it('cuts an attempt whose first token does not come in time, as a retryable timeout', async () => {
    const { clock, calls, resilient } = setup([[{ hang: 'until-aborted' }]]);
    const { error } = await clock.drive(
      collect(resilient.stream(request({ firstTokenTimeoutMs: 300 }), new AbortController().signal)),
    );
    expect(error?.reason).toBe('timeout');
    expect(error?.retryable).toBe(true);
    expect(error?.message).toContain('first token');
    expect(clock.now()).toBe(300);
    expect(calls[0].signal.aborted).toBe(true);
    expect(clock.pending()).toBe(0);
  });

  it('retries after a first-token timeout and succeeds on the next attempt', async () => {
    const { clock, calls, resilient } = setup([[{ hang: 'until-aborted' }], ok], twice);
    const { chunks, error } = await clock.drive(
      collect(resilient.stream(request({ firstTokenTimeoutMs: 300 }), new AbortController().signal)),
    );
    expect(error).toBeUndefined();
    expect(chunks[0]).toMatchObject({ type: 'retrying', attempt: 2, reason: 'timeout' });
    expect(calls).toHaveLength(2);
  });

  it('cuts a stream that stalls between chunks after the idle timeout', async () => {
    const { clock, resilient } = setup([[{ delta: 'a' }, { wait: 100 }, { delta: 'b' }, { hang: 'until-aborted' }]]);
    const { chunks, error } = await clock.drive(
      collect(resilient.stream(request({ idleTimeoutMs: 400 }), new AbortController().signal)),
    );
    expect(chunks).toEqual([
      { type: 'delta', text: 'a' },
      { type: 'delta', text: 'b' },
    ]);
    expect(error?.reason).toBe('timeout');
    expect(error?.message).toContain('next chunk');
    expect(clock.now()).toBe(500);
    expect(clock.pending()).toBe(0);
  });

  it('lets a slow but steady stream run past the idle timeout in total', async () => {
    const steps: Step[] = Array.from({ length: 10 }, (): Step[] => [{ wait: 300 }, { delta: 'x' }]).flat();
    const { clock, resilient } = setup([steps]);
    const { chunks, error } = await clock.drive(
      collect(resilient.stream(request({ idleTimeoutMs: 400, firstTokenTimeoutMs: 400 }), new AbortController().signal)),
    );
    expect(error).toBeUndefined();
    expect(chunks).toHaveLength(11);
    expect(clock.now()).toBe(3_000);
  });

  it('cuts a model that ignores its abort signal all the same', async () => {
    const { clock, resilient } = setup([[{ delta: 'a' }, { hang: 'forever' }]]);
    const { error } = await clock.drive(
      collect(resilient.stream(request({ idleTimeoutMs: 250 }), new AbortController().signal)),
    );
    expect(error?.reason).toBe('timeout');
    expect(clock.now()).toBe(250);
    expect(clock.pending()).toBe(0);
  });

  it('does not count the time our consumer holds a chunk as upstream idleness', async () => {
    const { clock, resilient } = setup([[{ delta: 'a' }, { delta: 'b' }]]);
    const iterator = resilient.stream(request({ idleTimeoutMs: 100 }), new AbortController().signal)[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual({ type: 'delta', text: 'a' });
    await clock.advance(1_000);
    expect((await iterator.next()).value).toEqual({ type: 'delta', text: 'b' });
    expect((await iterator.next()).value).toMatchObject({ type: 'finish' });
    expect((await iterator.next()).done).toBe(true);
    expect(clock.pending()).toBe(0);
  });
});

describe('withResilience: cancellation', () => {
  it('ends at once with cancelled when the caller aborts mid-stream, and aborts the model', async () => {
    const { clock, calls, resilient } = setup([[{ delta: 'a' }, { hang: 'until-aborted' }]], twice);
    const caller = new AbortController();
    const result = collect(resilient.stream(request(), caller.signal));
    await clock.advance(10);
    caller.abort();
    const { chunks, error } = await result;
    expect(chunks).toEqual([{ type: 'delta', text: 'a' }]);
    expect(error?.reason).toBe('cancelled');
    expect(calls).toHaveLength(1);
    expect(calls[0].signal.aborted).toBe(true);
    expect(clock.pending()).toBe(0);
  });

  it('ends a back-off sleep at once when the caller aborts, without another attempt', async () => {
    const { clock, calls, resilient } = setup([[{ fail: httpError(503, 10_000) }], ok], twice);
    const caller = new AbortController();
    const result = collect(resilient.stream(request(), caller.signal));
    await clock.advance(100);
    expect(clock.pending()).toBeGreaterThan(0);
    caller.abort();
    const { chunks, error } = await result;
    expect(chunks).toEqual([{ type: 'retrying', attempt: 2, delayMs: 10_000, reason: 'http_503' }]);
    expect(error?.reason).toBe('cancelled');
    expect(clock.now()).toBe(100);
    expect(calls).toHaveLength(1);
    expect(clock.pending()).toBe(0);
  });

  it('does not start when the caller has already aborted', async () => {
    const { clock, calls, resilient } = setup([ok]);
    const caller = new AbortController();
    caller.abort();
    const { error } = await clock.drive(collect(resilient.stream(request(), caller.signal)));
    expect(error?.reason).toBe('cancelled');
    expect(calls).toHaveLength(0);
    expect(clock.pending()).toBe(0);
  });

  it('never retries after an abort even when the model reports a retryable error', async () => {
    const clock = new FakeClock();
    const caller = new AbortController();
    let calls = 0;
    const resilient = withResilience(
      {
        id: 'aborts-then-fails',
        stream: () => ({
          [Symbol.asyncIterator]: () => ({
            next: async (): Promise<IteratorResult<never>> => {
              calls += 1;
              caller.abort();
              throw httpError(500);
            },
          }),
        }),
      },
      { retry: { ...twice, maxAttempts: 5 }, clock },
    );
    const { error } = await clock.drive(collect(resilient.stream(request(), caller.signal)));
    expect(error?.reason).toBe('cancelled');
    expect(calls).toBe(1);
  });

  it('aborts the model and clears its timers when the consumer stops early', async () => {
    const { clock, calls, resilient } = setup([[{ delta: 'a' }, { hang: 'until-aborted' }]]);
    for await (const chunk of resilient.stream(request(), new AbortController().signal)) {
      expect(chunk.type).toBe('delta');
      break;
    }
    expect(calls[0].signal.aborted).toBe(true);
    expect(clock.pending()).toBe(0);
  });
});
