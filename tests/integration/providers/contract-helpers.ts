import { afterEach, beforeEach } from 'vitest';
import type { ChatChunk, ChatModel, ChatRequest } from '@/lib/council/chat-model';
import { ModelCallError } from '@/lib/council/model-call-error';
import type { AdapterOptions } from '@/lib/providers/adapter-options';
import { startFakeUpstream, waitUntil, type FakeUpstream } from '@/tests/support/fake-upstream';
import { trackTimers, type TimerTracker } from './timer-tracker';

/** One adapter as the contract suite sees it. */
export interface AdapterSubject {
  name: string;
  /** Builds the adapter pointed at the fake upstream (`url` is its bare origin). */
  create(url: string, options: Omit<AdapterOptions, 'baseURL'>): ChatModel;
  /** The vendor's spelling of "finished normally" and "hit max tokens". */
  finishReasons: { stop: string; length: string };
  /** Whether the vendor reports its own cost (OpenRouter's `usage.cost`). */
  reportsCost: boolean;
  /** Rate-limit headers in the vendor's own names. */
  rateLimitHeaders: Record<string, string>;
}

export const API_KEY = 'test-key-0123456789abcdef-SECRET';

export function chatRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    messages: [
      { role: 'system', content: 'You are a council member.' },
      { role: 'user', content: 'What is the capital of France?' },
    ],
    maxTokens: 100,
    timeBudgetMs: 10_000,
    firstTokenTimeoutMs: 5_000,
    idleTimeoutMs: 5_000,
    ...overrides,
  };
}

export interface Outcome {
  deltas: string[];
  text: string;
  finish?: Extract<ChatChunk, { type: 'finish' }>;
  error?: ModelCallError;
}

/** Drains a stream, keeping what it yielded and the ModelCallError it ended with, if any. */
export async function collect(
  model: ChatModel,
  request = chatRequest(),
  signal = new AbortController().signal,
  onDelta?: (count: number) => void,
): Promise<Outcome> {
  const outcome: Outcome = { deltas: [], text: '' };
  try {
    for await (const chunk of model.stream(request, signal)) {
      if (chunk.type === 'delta') {
        outcome.deltas.push(chunk.text);
        outcome.text += chunk.text;
        onDelta?.(outcome.deltas.length);
      } else if (chunk.type === 'finish') outcome.finish = chunk;
    }
  } catch (error) {
    if (!(error instanceof ModelCallError)) throw error;
    outcome.error = error;
  }
  return outcome;
}

const countSockets = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;

/**
 * A fresh fake upstream per test, and after each test proof that nothing leaked: the fake holds no
 * timers, every socket is gone once it closes, and no timer created during the test is still pending.
 */
export function useFakeUpstream(): () => FakeUpstream {
  let upstream: FakeUpstream | undefined;
  let timers: TimerTracker | undefined;
  let baselineSockets = 0;
  beforeEach(async () => {
    baselineSockets = countSockets();
    timers = trackTimers();
    upstream = await startFakeUpstream();
  });
  afterEach(async () => {
    const fake = upstream!;
    const tracker = timers!;
    upstream = undefined;
    try {
      await waitUntil(() => fake.pendingTimers() === 0, 2_000, 'the fake upstream to release its timers');
      await fake.close();
      await waitUntil(() => fake.openConnections() === 0, 2_000, 'every upstream connection to close');
      await waitUntil(() => countSockets() <= baselineSockets, 2_000, 'client sockets to close');
      await waitUntil(() => tracker.pending().length === 0, 2_000, `pending timers to clear (${tracker.pending().join(', ')})`);
    } finally {
      tracker.restore();
    }
  });
  return () => upstream!;
}
