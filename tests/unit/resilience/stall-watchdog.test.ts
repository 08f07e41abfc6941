import { describe, expect, it } from 'vitest';
import { streamAttempt } from '@/lib/providers/resilience/stream-attempt';
import { FakeClock } from './fake-clock';
import { collect, request, scriptedModel, type Step } from './scripted-model';

/** A FakeClock that counts the timers set on it. */
class CountingClock extends FakeClock {
  set = 0;
  override setTimer(fn: () => void, ms: number): () => void {
    this.set += 1;
    return super.setTimer(fn, ms);
  }
}

function steady(chunks: number, everyMs: number): Step[] {
  return Array.from({ length: chunks }, (): Step[] => [{ wait: everyMs }, { delta: 'x' }]).flat();
}

describe('streamAttempt: first-token and idle timers on one watchdog', () => {
  it('sets about one timer per idle period, not one per chunk', async () => {
    const clock = new CountingClock();
    const { model } = scriptedModel([steady(200, 10)], clock);
    const { chunks, error } = await clock.drive(
      collect(streamAttempt(model, request({ firstTokenTimeoutMs: 1_000, idleTimeoutMs: 500 }), new AbortController().signal, clock)),
    );
    expect(error).toBeUndefined();
    expect(chunks.filter((c) => c.type === 'delta')).toHaveLength(200);
    // The script's own waits set 200 timers. 2 s of streaming with a 500 ms idle timeout: the first-token timer,
    // the switch to the shorter idle one, then one re-arm per period — not one or two per chunk.
    expect(clock.set - 200).toBeLessThanOrEqual(8);
    expect(clock.pending()).toBe(0);
  });

  it('measures the idle timeout from the last chunk even when the first-token timeout is longer', async () => {
    const clock = new FakeClock();
    const { model } = scriptedModel([[{ wait: 50 }, { delta: 'a' }, { hang: 'until-aborted' }]], clock);
    const { chunks, error } = await clock.drive(
      collect(streamAttempt(model, request({ firstTokenTimeoutMs: 10_000, idleTimeoutMs: 200 }), new AbortController().signal, clock)),
    );
    expect(chunks).toEqual([{ type: 'delta', text: 'a' }]);
    expect(error?.message).toContain('next chunk');
    expect(clock.now()).toBe(250);
  });

  it('does not count the time our consumer holds a chunk against the upstream', async () => {
    const clock = new FakeClock();
    const { model } = scriptedModel([[{ delta: 'a' }, { wait: 150 }, { delta: 'b' }]], clock);
    const seen: string[] = [];
    const run = (async () => {
      for await (const chunk of streamAttempt(model, request({ firstTokenTimeoutMs: 200, idleTimeoutMs: 200 }), new AbortController().signal, clock)) {
        if (chunk.type === 'delta') seen.push(chunk.text);
        // The consumer is slow: 300 ms per chunk, longer than the idle timeout.
        await new Promise<void>((resolve) => clock.setTimer(resolve, 300));
      }
    })();
    await clock.drive(run);
    expect(seen).toEqual(['a', 'b']);
  });
});
