import { describe, expect, it } from 'vitest';
import { estimateTokens, sleep } from '@/lib/providers/resilience';
import { ModelCallError } from '@/lib/council/model-call-error';
import { FakeClock } from './fake-clock';
import { request } from './scripted-model';

describe('sleep', () => {
  it('resolves after the time has passed on the clock', async () => {
    const clock = new FakeClock();
    let done = false;
    void sleep(clock, 500).then(() => (done = true));
    await clock.advance(499);
    expect(done).toBe(false);
    await clock.advance(1);
    expect(done).toBe(true);
  });

  it("ends at once with the abort's own ModelCallError, and clears its timer", async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const waiting = sleep(clock, 10_000, controller.signal);
    const reason = new ModelCallError({ reason: 'timeout', message: 'budget' });
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    expect(clock.pending()).toBe(0);
  });

  it('turns any other abort into cancelled, even before it starts', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    controller.abort(new Error('whatever'));
    await expect(sleep(clock, 10, controller.signal)).rejects.toMatchObject({ reason: 'cancelled' });
    expect(clock.pending()).toBe(0);
  });
});

describe('estimateTokens', () => {
  it('counts about four characters a token for the prompt, plus the most the model may write', () => {
    const chatRequest = request({
      messages: [
        { role: 'system', content: 'x'.repeat(40) },
        { role: 'user', content: 'y'.repeat(41) },
      ],
      maxTokens: 100,
    });
    expect(estimateTokens(chatRequest)).toBe(21 + 100);
  });
});
