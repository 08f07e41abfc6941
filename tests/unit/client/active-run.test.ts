import { afterEach, describe, expect, it, vi } from 'vitest';
import { learnRunId, pressStop, type ActiveRun } from '@/lib/client/active-run';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function cancelRequests(): string[] {
  const urls: string[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    urls.push(String(input));
    return new Response('{}', { status: 202 });
  });
  return urls;
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('Stop on the active run', () => {
  it('pressed before the first event: nothing to ask yet, then asks for the run as soon as it is named', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const urls = cancelRequests();
    const current: ActiveRun = { controller: new AbortController(), runId: null };
    pressStop(current);
    await flush();
    expect(urls).toEqual([]);
    learnRunId(current, 'run-1');
    await flush();
    expect(urls).toEqual(['/api/runs/run-1/cancel']);
    expect(current.controller.signal.aborted).toBe(false);
  });

  it('asks once however often it is pressed, and keeps the first run id it learned', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const urls = cancelRequests();
    const current: ActiveRun = { controller: new AbortController(), runId: null };
    learnRunId(current, 'run-1');
    learnRunId(current, 'run-2');
    pressStop(current);
    pressStop(current);
    pressStop(null);
    await flush();
    expect(current.runId).toBe('run-1');
    expect(urls).toEqual(['/api/runs/run-1/cancel']);
  });
});
