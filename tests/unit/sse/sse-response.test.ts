import { describe, expect, it, vi } from 'vitest';
import { createParser } from 'eventsource-parser';
import type { CouncilEvent } from '@/lib/council/events';
import { sseResponse } from '@/lib/sse/sse-response';

function event(seq: number): CouncilEvent {
  return { runId: 'run-1', seq, t: seq, type: 'member.delta', stage: 1, model: 'm', text: `token ${seq}` };
}

/** An event source that yields `count` events and then waits until it is stopped; records return(). */
function controlledEvents(count: number) {
  const state = { returned: false, pulled: 0 };
  let release: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (release = resolve));
  const iterable: AsyncIterable<CouncilEvent> = {
    [Symbol.asyncIterator]() {
      return {
        async next() {
          state.pulled += 1;
          if (state.pulled <= count) return { done: false, value: event(state.pulled) };
          await stopped;
          return { done: true, value: undefined };
        },
        async return() {
          state.returned = true;
          release();
          return { done: true, value: undefined };
        },
      };
    },
  };
  return { iterable, state };
}

async function* finite(n: number): AsyncGenerator<CouncilEvent> {
  for (let seq = 1; seq <= n; seq++) yield event(seq);
}

/** Reads the body until `until` holds for the text so far or the stream ends; bounded by a deadline. */
async function readUntil(response: Response, until: (text: string) => boolean, deadlineMs = 5_000) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + deadlineMs;
  while (!until(text) && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) return { text, done: true, reader };
    text += decoder.decode(value, { stream: true });
  }
  return { text, done: false, reader };
}

describe('sseResponse', () => {
  it('answers with the unbuffered event-stream headers', () => {
    const response = sseResponse(finite(0));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get('connection')).toBe('keep-alive');
  });

  it('streams every event in order and ends when the events end', async () => {
    const text = await sseResponse(finite(5)).text();
    const seqs: number[] = [];
    const parser = createParser({ onEvent: (m) => seqs.push(JSON.parse(m.data).seq) });
    parser.feed(text);
    expect(seqs).toEqual([1, 2, 3, 4, 5]);
  });

  it('sends a comment heartbeat while the run is quiet', async () => {
    const { iterable, state } = controlledEvents(0);
    const controller = new AbortController();
    const response = sseResponse(iterable, { signal: controller.signal, heartbeatMs: 10 });
    const { text } = await readUntil(response, (t) => t.includes(': ping\n\n'));
    expect(text).toContain(': ping\n\n');
    controller.abort();
    expect(state.returned).toBe(true);
  });

  it('stops iterating and ends the body when the client signal aborts', async () => {
    const { iterable, state } = controlledEvents(2);
    const controller = new AbortController();
    const response = sseResponse(iterable, { signal: controller.signal, heartbeatMs: 60_000 });
    const first = await readUntil(response, (t) => t.includes('token 2'));
    expect(first.done).toBe(false);
    controller.abort();
    expect(state.returned).toBe(true);
    const { done } = await first.reader.read();
    expect(done).toBe(true);
  });

  it('clears the heartbeat timer when the client goes away', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const { iterable } = controlledEvents(0);
      const controller = new AbortController();
      sseResponse(iterable, { signal: controller.signal });
      expect(vi.getTimerCount()).toBe(1);
      controller.abort();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops iterating when the client cancels the body', async () => {
    const { iterable, state } = controlledEvents(1);
    const response = sseResponse(iterable, { heartbeatMs: 60_000 });
    const { reader } = await readUntil(response, (t) => t.includes('token 1'));
    await reader.cancel();
    expect(state.returned).toBe(true);
  });

  it('does not start a run for a client that is already gone', async () => {
    const { iterable, state } = controlledEvents(3);
    const controller = new AbortController();
    controller.abort();
    const text = await sseResponse(iterable, { signal: controller.signal }).text();
    expect(text).toBe('');
    expect(state.returned).toBe(true);
    expect(state.pulled).toBe(0);
  });

  it('errors the body when the event source throws', async () => {
    async function* broken(): AsyncGenerator<CouncilEvent> {
      yield event(1);
      throw new Error('engine bug');
    }
    const original = console.error;
    console.error = () => undefined;
    try {
      await expect(sseResponse(broken()).text()).rejects.toThrow('engine bug');
    } finally {
      console.error = original;
    }
  });
});
