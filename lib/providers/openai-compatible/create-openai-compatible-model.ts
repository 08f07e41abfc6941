import OpenAI from 'openai';
import type { ChatChunk, ChatModel, ChatRequest, TokenUsage } from '@/lib/council/chat-model';
import type { AdapterOptions } from '../adapter-options';
import { cancelledError, invalidResponseError } from '../http/model-call-errors';
import { costUsd } from '@/lib/pricing/pricing';
import { mapOpenAIError } from './map-openai-error';

/** Our own timeouts (first token, idle, deadline) govern; the SDK's only backstops a forgotten socket. */
const SDK_TIMEOUT_MS = 10 * 60_000;

/** OpenRouter adds the provider-reported price of the call to the usage object of the last chunk. */
type UsageWithCost = OpenAI.CompletionUsage & { cost?: number };

/**
 * A ChatModel over the Chat Completions API (OpenRouter, OpenAI, Ollama, vLLM, LM Studio, llama.cpp),
 * through the official SDK with its retries switched off: the resilience layer is the one in force.
 */
export function createOpenAICompatibleModel(options: AdapterOptions): ChatModel {
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    maxRetries: 0,
    timeout: SDK_TIMEOUT_MS,
    fetch: options.fetch,
    defaultHeaders: options.defaultHeaders,
    // The SDK would log malformed chunks (and their content) to the console; the thrown error says enough.
    logLevel: 'off',
  });
  const ctx = { modelId: options.id, apiKey: options.apiKey };

  async function* stream(request: ChatRequest, signal: AbortSignal): AsyncIterable<ChatChunk> {
    if (signal.aborted) throw cancelledError(ctx);
    try {
      const { data: chunks, response } = await client.chat.completions
        .create(
          {
            model: options.model,
            messages: request.messages,
            max_tokens: request.maxTokens,
            temperature: request.temperature,
            stream: true,
            stream_options: { include_usage: true },
          },
          { signal },
        )
        .withResponse();
      options.onResponse?.({ status: response.status, headers: response.headers });

      let usage: UsageWithCost | undefined;
      let finishReason: string | undefined;
      for await (const chunk of chunks) {
        if (chunk.usage) usage = chunk.usage;
        const choice = chunk.choices[0];
        if (!choice) continue;
        if (choice.delta?.content) yield { type: 'delta', text: choice.delta.content };
        if (choice.finish_reason) finishReason = choice.finish_reason;
      }
      // The SDK ends its iterator quietly when the request is aborted; the caller must still learn why.
      if (signal.aborted) throw cancelledError(ctx);
      if (!finishReason) throw invalidResponseError(ctx, 'the stream ended before the model finished');
      yield finishChunk(usage, finishReason);
    } catch (error) {
      const mapped = mapOpenAIError(error, ctx, signal);
      const status = (error as { status?: unknown; headers?: unknown }).status;
      const headers = (error as { headers?: unknown }).headers;
      if (typeof status === 'number' && headers instanceof Headers) options.onResponse?.({ status, headers });
      throw mapped;
    }
  }

  function finishChunk(usage: UsageWithCost | undefined, finishReason: string): ChatChunk {
    // Servers that ignore `include_usage` (some local ones) report nothing: zero, not a guess.
    const tokens: TokenUsage = { input: usage?.prompt_tokens ?? 0, output: usage?.completion_tokens ?? 0 };
    const reported = typeof usage?.cost === 'number' && Number.isFinite(usage.cost) ? usage.cost : undefined;
    const cost = reported ?? (usage ? costUsd(tokens, options.pricing) : undefined);
    return { type: 'finish', usage: tokens, finishReason, ...(cost === undefined ? {} : { costUsd: cost }) };
  }

  return { id: options.id, stream };
}
