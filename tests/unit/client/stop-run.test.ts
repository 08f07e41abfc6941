import { afterEach, describe, expect, it, vi } from 'vitest';
import { stopRun, STOP_TIMEOUT_MS } from '@/lib/client/stop-run';

afterEach(() => vi.useRealTimers());

function recordingFetch(status: number | 'network') {
  const calls: { url: string; method?: string }[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), method: init?.method });
    if (status === 'network') throw new TypeError('Failed to fetch');
    return new Response('{}', { status });
  }) as typeof fetch;
  return { calls, fetchFn };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('stopRun (the Stop button)', () => {
  it('asks the server to cancel and keeps the stream open for its run.cancelled, dropping it only after the timeout', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const controller = new AbortController();
    const { calls, fetchFn } = recordingFetch(202);
    stopRun('run-1', controller, { fetch: fetchFn });
    await flush();
    expect(calls).toEqual([{ url: '/api/runs/run-1/cancel', method: 'POST' }]);
    expect(controller.signal.aborted).toBe(false);
    vi.advanceTimersByTime(STOP_TIMEOUT_MS);
    expect(controller.signal.aborted).toBe(true);
  });

  it('never drops the stream once the server’s word came (the fallback is cleared)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const controller = new AbortController();
    const clear = stopRun('run-1', controller, { fetch: recordingFetch(202).fetchFn });
    await flush();
    clear();
    vi.advanceTimersByTime(STOP_TIMEOUT_MS * 2);
    expect(controller.signal.aborted).toBe(false);
  });

  it.each([[500], ['network' as const]])('stops locally at once when the server cannot be asked (%s)', async (status) => {
    const controller = new AbortController();
    stopRun('run-1', controller, { fetch: recordingFetch(status).fetchFn });
    await flush();
    expect(controller.signal.aborted).toBe(true);
  });

  it('before the run is known, asks nothing and only arms the fallback', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const controller = new AbortController();
    const { calls, fetchFn } = recordingFetch(202);
    stopRun(null, controller, { fetch: fetchFn });
    await flush();
    expect(calls).toEqual([]);
    expect(controller.signal.aborted).toBe(false);
    vi.advanceTimersByTime(STOP_TIMEOUT_MS);
    expect(controller.signal.aborted).toBe(true);
  });
});
