import { describe, expect, it } from 'vitest';
import type { CouncilEvent } from '@/lib/council/events';
import { sseResponse } from '@/lib/sse/sse-response';

/** A run that streams a 1 KB delta every few ms until it is cancelled, then ends with run.cancelled. */
function endlessRun() {
  const state = { cancelled: false, pulled: 0, returned: false };
  let seq = 0;
  const iterable: AsyncIterable<CouncilEvent> = {
    [Symbol.asyncIterator]() {
      return {
        async next() {
          state.pulled++;
          await new Promise((resolve) => setTimeout(resolve, 2));
          seq++;
          if (state.cancelled) {
            if (seq > 100_000) return { done: true, value: undefined };
            seq = 100_001;
            return { done: false, value: { runId: 'r', seq, t: seq, type: 'run.cancelled', reason: 'client_stalled', message: 'stopped' } };
          }
          return { done: false, value: { runId: 'r', seq, t: seq, type: 'member.delta', stage: 1, model: 'm', text: 'x'.repeat(1_024) } };
        },
        async return() {
          state.returned = true;
          return { done: true, value: undefined };
        },
      };
    },
  };
  return { iterable, state };
}

describe('sseResponse and a client that stops reading', () => {
  it('buffers at most bufferBytes ahead, then calls onStalled once the client has taken nothing for stallTimeoutMs', async () => {
    const run = endlessRun();
    let stalledAt = 0;
    const started = Date.now();
    const response = sseResponse(run.iterable, {
      bufferBytes: 8 * 1024,
      stallTimeoutMs: 200,
      onStalled: () => {
        stalledAt = Date.now();
        run.state.cancelled = true;
      },
    });
    // Nobody reads the body.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(stalledAt - started).toBeGreaterThanOrEqual(150);
    // Bounded: about 8 KB of 1 KB events were pulled ahead, not hundreds.
    expect(run.state.pulled).toBeLessThan(30);
    // The run's own end was drained through (so a recorder sees run.cancelled), and the body errors out.
    await expect(response.text()).rejects.toThrow(/stopped reading/);
    expect(run.state.returned).toBe(false);
  });

  it('never calls onStalled for a client that keeps reading slowly', async () => {
    const run = endlessRun();
    let stalled = false;
    const response = sseResponse(run.iterable, { bufferBytes: 4 * 1024, stallTimeoutMs: 150, onStalled: () => (stalled = true) });
    const reader = response.body!.getReader();
    for (let i = 0; i < 40; i++) {
      await reader.read();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await reader.cancel();
    expect(stalled).toBe(false);
    expect(run.state.returned).toBe(true);
  });
});
