import { describe, expect, it } from 'vitest';
import { httpStatusOf, LlmRequestTracker } from '@/lib/store/llm-request-tracker';
import { stamp } from '../../integration/store/run-events-fixture';

const START = new Date('2026-01-01T00:00:00Z');

describe('LlmRequestTracker', () => {
  it('maps failure reasons to HTTP statuses', () => {
    expect(httpStatusOf('http_503')).toBe(503);
    expect(httpStatusOf('rate_limited')).toBe(429);
    expect(httpStatusOf('timeout')).toBeNull();
    expect(httpStatusOf('http_5000')).toBeNull();
  });

  it('opens a row for a member that failed without a member.started (skipped by an open breaker)', () => {
    const tracker = new LlmRequestTracker('r', START);
    const [failed] = stamp('r', [
      { type: 'member.failed', stage: 2, model: 'judge', reason: 'circuit_open', message: 'open', timing: { startMs: 7, firstTokenMs: null, endMs: 7 }, attempts: 1 },
    ]);
    tracker.observe(failed);
    expect(tracker.takeDirty()).toMatchObject([
      { stage: 2, model: 'judge', attempt: 1, status: 'failed', errorKind: 'circuit_open', durationMs: 0, createdAt: new Date(START.getTime() + 7).toISOString() },
    ]);
    expect(tracker.takeDirty()).toEqual([]);
  });

  it('times the first token of each attempt from that attempt’s start', () => {
    const tracker = new LlmRequestTracker('r', START);
    const events = stamp('r', [
      { type: 'member.started', stage: 1, model: 'm', attempt: 1 },
      { type: 'member.delta', stage: 1, model: 'm', text: 'a' },
      { type: 'member.retrying', stage: 1, model: 'm', attempt: 2, delayMs: 100, reason: 'network' },
      { type: 'member.delta', stage: 1, model: 'm', text: 'b' },
    ], 10);
    events[3] = { ...events[3], t: 150 };
    for (const event of events) tracker.observe(event);
    expect(tracker.takeDirty()).toMatchObject([
      { attempt: 1, status: 'failed', errorKind: 'network', timeToFirstTokenMs: 10, durationMs: 20, httpStatus: null },
      { attempt: 2, status: 'processing', timeToFirstTokenMs: 20 },
    ]);
  });
});
