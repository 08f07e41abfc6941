import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { withResilience } from '@/lib/providers/resilience';
import { ModelCallError } from '@/lib/council/model-call-error';
import { FakeClock } from './fake-clock';
import { collect, httpError, request, scriptedModel, type Step } from './scripted-model';

const retry = { maxAttempts: 3, baseMs: 100, factor: 2, capMs: 1_000 };
const ok: Step[] = [{ delta: 'Hello' }, { delta: ' world' }];

function setup(scripts: Step[][], random = () => 0.5) {
  const clock = new FakeClock();
  const { model, calls } = scriptedModel(scripts, clock);
  const resilient = withResilience(model, { retry, clock, random });
  return { clock, calls, resilient };
}

describe('withResilience: retries', () => {
  it('passes a healthy stream through untouched, in one attempt', async () => {
    const { clock, calls, resilient } = setup([ok]);
    const { chunks, error } = await clock.drive(collect(resilient.stream(request(), new AbortController().signal)));
    expect(error).toBeUndefined();
    expect(chunks.map((c) => c.type)).toEqual(['delta', 'delta', 'finish']);
    expect(calls).toHaveLength(1);
    expect(resilient.id).toBe('scripted');
    expect(clock.pending()).toBe(0);
  });

  it('retries a 500 after a jittered back-off and announces the retry', async () => {
    const { clock, calls, resilient } = setup([[{ delta: 'partial' }, { fail: httpError(500) }], ok]);
    const { chunks, error } = await clock.drive(collect(resilient.stream(request(), new AbortController().signal)));
    expect(error).toBeUndefined();
    expect(chunks).toEqual([
      { type: 'delta', text: 'partial' },
      { type: 'retrying', attempt: 2, delayMs: 50, reason: 'http_500' },
      { type: 'delta', text: 'Hello' },
      { type: 'delta', text: ' world' },
      { type: 'finish', usage: { input: 1, output: 1 }, finishReason: 'stop' },
    ]);
    expect(calls).toHaveLength(2);
    expect(calls[1].startedAt - calls[0].startedAt).toBe(50);
    expect(clock.pending()).toBe(0);
  });

  it('never retries an error that says it is not retryable (400)', async () => {
    const { clock, calls, resilient } = setup([[{ fail: httpError(400) }], ok]);
    const { chunks, error } = await clock.drive(collect(resilient.stream(request(), new AbortController().signal)));
    expect(error?.reason).toBe('http_400');
    expect(chunks).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('gives up after maxAttempts with the last error', async () => {
    const { clock, calls, resilient } = setup([[{ fail: httpError(502) }], [{ fail: httpError(503) }]]);
    const { chunks, error } = await clock.drive(collect(resilient.stream(request(), new AbortController().signal)));
    expect(error?.reason).toBe('http_503');
    expect(calls).toHaveLength(3);
    expect(chunks.filter((c) => c.type === 'retrying').map((c) => c.type === 'retrying' && c.attempt)).toEqual([2, 3]);
  });

  it("waits at least the server's retry-after, even above the cap", async () => {
    const { clock, calls, resilient } = setup([[{ fail: httpError(429, 5_000) }], ok]);
    const { chunks, error } = await clock.drive(collect(resilient.stream(request(), new AbortController().signal)));
    expect(error).toBeUndefined();
    expect(chunks[0]).toEqual({ type: 'retrying', attempt: 2, delayMs: 5_000, reason: 'rate_limited' });
    expect(calls[1].startedAt - calls[0].startedAt).toBe(5_000);
  });

  it('gives up early with the last error when the wait would pass the deadline', async () => {
    const { clock, calls, resilient } = setup([[{ wait: 900 }, { fail: httpError(429, 200) }], ok]);
    const { chunks, error } = await clock.drive(
      collect(resilient.stream(request({ timeBudgetMs: 1_000 }), new AbortController().signal)),
    );
    expect(error?.reason).toBe('rate_limited');
    expect(chunks).toEqual([]);
    expect(calls).toHaveLength(1);
    expect(clock.now()).toBe(900);
    expect(clock.pending()).toBe(0);
  });

  it('ends an attempt that runs into the deadline with a timeout that is not retried', async () => {
    const { clock, calls, resilient } = setup([[{ delta: 'slow' }, { wait: 1_500 }], ok]);
    const { error } = await clock.drive(
      collect(resilient.stream(request({ timeBudgetMs: 1_000, idleTimeoutMs: 5_000 }), new AbortController().signal)),
    );
    expect(error?.reason).toBe('timeout');
    expect(error?.retryable).toBe(false);
    expect(calls).toHaveLength(1);
    expect(calls[0].signal.aborted).toBe(true);
    expect(clock.now()).toBe(1_000);
    expect(clock.pending()).toBe(0);
  });

  it('for any sequence of failures: at most maxAttempts calls, never past the deadline, no timer left', async () => {
    const failure = fc.constantFrom<ModelCallError>(
      httpError(500),
      httpError(429, 300),
      httpError(400),
      new ModelCallError({ reason: 'network', message: 'reset', retryable: true }),
    );
    const script = fc.array(
      fc.oneof(
        failure.map((fail): Step[] => [{ wait: 10 }, { fail }]),
        fc.constant<Step[]>([{ wait: 10 }, { delta: 'ok' }]),
      ),
      { minLength: 1, maxLength: 6 },
    );
    await fc.assert(
      fc.asyncProperty(
        script,
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 50, max: 3_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        async (scripts, maxAttempts, budget, r) => {
          const clock = new FakeClock();
          const { model, calls } = scriptedModel(scripts, clock);
          const resilient = withResilience(model, { retry: { ...retry, maxAttempts }, clock, random: () => r });
          const { chunks, error } = await clock.drive(
            collect(resilient.stream(request({ timeBudgetMs: budget }), new AbortController().signal)),
          );
          expect(calls.length).toBeLessThanOrEqual(maxAttempts);
          expect(clock.now()).toBeLessThanOrEqual(budget);
          expect(clock.pending()).toBe(0);
          const retries = chunks.filter((c) => c.type === 'retrying').length;
          expect(retries).toBe(calls.length - 1);
          if (!error) expect(chunks.at(-1)?.type).toBe('finish');
        },
      ),
      { numRuns: 150 },
    );
  });
});
