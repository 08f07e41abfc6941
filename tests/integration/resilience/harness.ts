import type { ChatChunk, ChatModel, ChatRequest } from '@/lib/council/chat-model';
import { systemClock, type Clock } from '@/lib/council/clock';
import { ModelCallError } from '@/lib/council/model-call-error';
import { createAnthropicModel } from '@/lib/providers/anthropic/create-anthropic-model';
import { createOpenAICompatibleModel } from '@/lib/providers/openai-compatible/create-openai-compatible-model';
import type { AdapterOptions } from '@/lib/providers/adapter-options';
import { afterAll, beforeAll } from 'vitest';
import { waitUntil, type FakeUpstream } from '@/tests/support/fake-upstream';

export type Vendor = 'openai' | 'anthropic';

/** The real system clock, counting the timers it holds so that a test can prove none was left behind. */
export function countingClock(): Clock & { pending(): number } {
  let pending = 0;
  return {
    now: () => systemClock.now(),
    setTimer(fn, ms) {
      pending += 1;
      let live = true;
      const settle = () => {
        if (live) pending -= 1;
        live = false;
      };
      const cancel = systemClock.setTimer(() => {
        settle();
        fn();
      }, ms);
      return () => {
        settle();
        cancel();
      };
    },
    pending: () => pending,
  };
}

/** A raw adapter of either vendor pointed at the fake upstream. */
export function rawModel(
  vendor: Vendor,
  upstream: FakeUpstream,
  modelName: string,
  onResponse?: AdapterOptions['onResponse'],
): ChatModel {
  const options = { id: `test-${modelName}`, model: modelName, apiKey: 'sk-test-resilience', onResponse };
  return vendor === 'openai'
    ? createOpenAICompatibleModel({ ...options, baseURL: `${upstream.url}/v1` })
    : createAnthropicModel({ ...options, baseURL: upstream.url });
}

export function request(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    messages: [{ role: 'user', content: 'Say something.' }],
    maxTokens: 200,
    timeBudgetMs: 10_000,
    firstTokenTimeoutMs: 2_000,
    idleTimeoutMs: 2_000,
    ...overrides,
  };
}

export interface Outcome {
  chunks: ChatChunk[];
  text: string;
  error?: ModelCallError;
  elapsedMs: number;
}

/** Runs one call to its end and says what came out, what it ended with and how long it took. */
export async function run(model: ChatModel, chatRequest: ChatRequest, signal = new AbortController().signal): Promise<Outcome> {
  const started = performance.now();
  const chunks: ChatChunk[] = [];
  let error: ModelCallError | undefined;
  try {
    for await (const chunk of model.stream(chatRequest, signal)) chunks.push(chunk);
  } catch (thrown) {
    if (!(thrown instanceof ModelCallError)) throw thrown;
    error = thrown;
  }
  // The engine discards partial text at each retry; so does this summary.
  let text = '';
  for (const chunk of chunks) {
    if (chunk.type === 'retrying') text = '';
    if (chunk.type === 'delta') text += chunk.text;
  }
  return { chunks, text, error, elapsedMs: performance.now() - started };
}

export function retryingChunks(outcome: Outcome) {
  return outcome.chunks.filter((chunk): chunk is Extract<ChatChunk, { type: 'retrying' }> => chunk.type === 'retrying');
}

/** Sockets and servers of this process, as Node counts them. */
export function activeSockets(): number {
  return process.getActiveResourcesInfo().filter((name) => name.startsWith('TCP')).length;
}

/**
 * One successful call per vendor, so that the first real test does not pay for loading the SDK and
 * the HTTP client (over 100 ms on a busy machine, longer than the timeouts these tests use).
 */
export async function warmUp(startUpstream: () => Promise<FakeUpstream>): Promise<void> {
  const upstream = await startUpstream();
  try {
    for (const vendor of ['openai', 'anthropic'] as const) {
      for await (const _chunk of rawModel(vendor, upstream, 'warm-up').stream(request(), new AbortController().signal)) {
        // drain
      }
    }
  } finally {
    await upstream.close();
  }
}

/**
 * Registers the file-level hooks shared by the fault suites: warm the adapters up first (the first fetch
 * in a process is slow), then, once every upstream is closed, check that no socket of ours lingers.
 */
export function useSocketLeakCheck(startUpstream: () => Promise<FakeUpstream>): void {
  let socketsBefore = 0;
  beforeAll(async () => {
    await warmUp(startUpstream);
    await waitUntil(() => activeSockets() === 0, 5_000, 'the warm-up sockets to close');
    socketsBefore = activeSockets();
  });
  afterAll(async () => {
    await waitUntil(() => activeSockets() <= socketsBefore, 5_000, 'every socket to close');
  });
}
