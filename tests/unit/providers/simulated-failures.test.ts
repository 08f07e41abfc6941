import { describe, it, expect } from 'vitest';
import { answerMessages } from '@/lib/council/prompts';
import { ModelCallError } from '@/lib/council/model-call-error';
import { createSimulatedModel, SIMULATED_RETRY_AFTER_MS } from '@/lib/providers/simulated';
import { collect, instantSleep, request } from './simulated-helpers';

const messages = answerMessages('How do vaccines train the immune system?', []);

describe('simulated provider failure modes', () => {
  it("'http_500' fails before any token with a retryable http_500", async () => {
    const { chunks, error } = await collect({ model: 'sim-swift', simulation: { failure: 'http_500' } }, messages);
    expect(chunks).toEqual([]);
    expect(error).toMatchObject({ reason: 'http_500', status: 500, retryable: true });
  });

  it("'http_429' fails as rate_limited, retryable, with a Retry-After", async () => {
    const { chunks, error } = await collect({ model: 'sim-swift', simulation: { failure: 'http_429' } }, messages);
    expect(chunks).toEqual([]);
    expect(error).toMatchObject({ reason: 'rate_limited', status: 429, retryable: true, retryAfterMs: SIMULATED_RETRY_AFTER_MS });
  });

  it("'network' fails with a retryable network error", async () => {
    const { error } = await collect({ model: 'sim-swift', simulation: { failure: 'network' } }, messages);
    expect(error).toMatchObject({ reason: 'network', retryable: true });
  });

  it("'empty' finishes normally with no text and no output tokens", async () => {
    const { chunks, error, finish } = await collect({ model: 'sim-swift', simulation: { failure: 'empty' } }, messages);
    expect(error).toBeUndefined();
    expect(chunks).toEqual([finish]);
    expect(finish!.usage.output).toBe(0);
  });

  it('failAfterTokens streams that many tokens, then fails with a retryable network error', async () => {
    const { chunks, error } = await collect({ model: 'sim-sage', simulation: { failAfterTokens: 5 } }, messages);
    expect(chunks.filter((c) => c.type === 'delta')).toHaveLength(5);
    expect(chunks.some((c) => c.type === 'finish')).toBe(false);
    expect(error).toMatchObject({ reason: 'network', retryable: true });
  });

  it('failAfterTokens 0 fails before the first token', async () => {
    const { chunks, error } = await collect({ model: 'sim-sage', simulation: { failAfterTokens: 0 } }, messages);
    expect(chunks).toEqual([]);
    expect(error?.reason).toBe('network');
  });

  for (const failure of ['hang', 'timeout'] as const) {
    it(`'${failure}' yields nothing until aborted, then throws cancelled`, async () => {
      const { sleep } = instantSleep();
      const model = createSimulatedModel({ id: 'x', model: 'sim-swift', simulation: { failure } }, { sleep });
      const controller = new AbortController();
      const iterator = model.stream(request(messages), controller.signal)[Symbol.asyncIterator]();
      const next = iterator.next();
      let settled = false;
      next.then(() => (settled = true), () => (settled = true));
      // Even with an instant sleep it must not produce anything while not aborted.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(settled).toBe(false);
      controller.abort();
      await expect(next).rejects.toMatchObject({ reason: 'cancelled', retryable: false });
    });
  }

  it('throws cancelled at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { chunks, error } = await collect({ model: 'sim-swift' }, messages, { signal: controller.signal });
    expect(chunks).toEqual([]);
    expect(error).toBeInstanceOf(ModelCallError);
    expect(error?.reason).toBe('cancelled');
  });

  it('stops mid-stream when aborted, even with a sleep that ignores the signal', async () => {
    const { sleep } = instantSleep();
    const model = createSimulatedModel({ id: 'x', model: 'sim-sage' }, { sleep });
    const controller = new AbortController();
    const deltas: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of model.stream(request(messages), controller.signal)) {
          if (chunk.type === 'delta') deltas.push(chunk.text);
          if (deltas.length === 3) controller.abort();
        }
      })(),
    ).rejects.toMatchObject({ reason: 'cancelled' });
    expect(deltas).toHaveLength(3);
  });

  it('ends a real-timer stream promptly when aborted during its first-token wait', async () => {
    // Real timers: a 10 s first token, aborted after 20 ms, must end long before the 10 s.
    const model = createSimulatedModel({ id: 'x', model: 'sim-sage', simulation: { firstTokenMs: 10_000 } });
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 20);
    const run = (async () => {
      for await (const _chunk of model.stream(request(messages), controller.signal)) {
        // nothing should arrive
      }
    })();
    await expect(run).rejects.toMatchObject({ reason: 'cancelled' });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('ends a real-timer stream promptly when aborted between tokens', async () => {
    const model = createSimulatedModel({ id: 'x', model: 'sim-sage', simulation: { firstTokenMs: 0, tokensPerSecond: 2 } });
    const controller = new AbortController();
    let deltas = 0;
    let abortedAt = 0;
    const run = (async () => {
      for await (const chunk of model.stream(request(messages), controller.signal)) {
        if (chunk.type === 'delta' && ++deltas === 1) {
          // At 2 tokens/s the next token is due in about half a second; the abort must not wait for it.
          setTimeout(() => {
            abortedAt = performance.now();
            controller.abort();
          }, 10);
        }
      }
    })();
    await expect(run).rejects.toMatchObject({ reason: 'cancelled' });
    expect(performance.now() - abortedAt).toBeLessThan(200);
    expect(deltas).toBeLessThanOrEqual(2);
  });
});
