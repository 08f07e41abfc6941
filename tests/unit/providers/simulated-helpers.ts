import type { ChatChunk, ChatMessage, ChatRequest } from '@/lib/council/chat-model';
import { ModelCallError } from '@/lib/council/model-call-error';
import { createSimulatedModel, type SimulatedModelOptions } from '@/lib/providers/simulated';

export function request(messages: ChatMessage[], maxTokens = 2_000): ChatRequest {
  return { messages, maxTokens, timeBudgetMs: 60_000, firstTokenTimeoutMs: 20_000, idleTimeoutMs: 15_000 };
}

/** A sleep that returns at once and records what it was asked to wait. */
export function instantSleep(): { sleep: (ms: number, signal: AbortSignal) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms: number) => {
      waits.push(ms);
    },
  };
}

export interface Collected {
  chunks: ChatChunk[];
  text: string;
  finish?: Extract<ChatChunk, { type: 'finish' }>;
  error?: ModelCallError;
}

/** Runs one call with an instant sleep and gathers its chunks, text, finish and error. */
export async function collect(
  options: Partial<SimulatedModelOptions> & { model: string },
  messages: ChatMessage[],
  { maxTokens = 2_000, signal = new AbortController().signal } = {},
): Promise<Collected & { waits: number[] }> {
  const { sleep, waits } = instantSleep();
  const model = createSimulatedModel({ id: options.model, ...options }, { sleep });
  const result: Collected = { chunks: [], text: '' };
  try {
    for await (const chunk of model.stream(request(messages, maxTokens), signal)) {
      result.chunks.push(chunk);
      if (chunk.type === 'delta') result.text += chunk.text;
      if (chunk.type === 'finish') result.finish = chunk;
    }
  } catch (error) {
    if (!(error instanceof ModelCallError)) throw error;
    result.error = error;
  }
  return { ...result, waits };
}
