import Anthropic from '@anthropic-ai/sdk';
import type { ChatChunk, ChatModel, ChatRequest, TokenUsage } from '@/lib/council/chat-model';
import type { AdapterOptions } from '../adapter-options';
import { cancelledError, invalidResponseError } from '../http/model-call-errors';
import { costUsd } from '@/lib/pricing/pricing';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages';
import { mapAnthropicError } from './map-anthropic-error';

/** Our own timeouts (first token, idle, deadline) govern; the SDK's only backstops a forgotten socket. */
const SDK_TIMEOUT_MS = 10 * 60_000;

/** A ChatModel over Anthropic's Messages API, through the official SDK with its retries switched off. */
export function createAnthropicModel(options: AdapterOptions): ChatModel {
  const client = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    maxRetries: 0,
    timeout: SDK_TIMEOUT_MS,
    fetch: options.fetch,
    defaultHeaders: options.defaultHeaders,
    logLevel: 'off',
    // No tracer is registered; skip the per-call span bookkeeping.
    openTelemetry: false,
  });
  const ctx = { modelId: options.id, apiKey: options.apiKey };

  async function* stream(request: ChatRequest, signal: AbortSignal): AsyncIterable<ChatChunk> {
    if (signal.aborted) throw cancelledError(ctx);
    try {
      const { system, messages } = convertToAnthropicMessages(request.messages);
      const { data: events, response } = await client.messages
        .create(
          {
            model: options.model,
            max_tokens: request.maxTokens,
            messages,
            ...(system === undefined ? {} : { system }),
            ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
            stream: true,
          },
          { signal },
        )
        .withResponse();
      options.onResponse?.({ status: response.status, headers: response.headers });

      const usage: TokenUsage = { input: 0, output: 0 };
      let stopReason = 'unknown';
      let stopped = false;
      for await (const event of events) {
        switch (event.type) {
          case 'message_start':
            usage.input = event.message.usage.input_tokens;
            usage.output = event.message.usage.output_tokens;
            break;
          case 'content_block_delta':
            if (event.delta.type === 'text_delta' && event.delta.text) yield { type: 'delta', text: event.delta.text };
            break;
          case 'message_delta':
            // Counts in message_delta are cumulative for the whole message.
            usage.output = event.usage.output_tokens;
            if (typeof event.usage.input_tokens === 'number') usage.input = event.usage.input_tokens;
            if (event.delta.stop_reason) stopReason = event.delta.stop_reason;
            break;
          case 'message_stop':
            stopped = true;
            break;
        }
      }
      // The SDK ends its iterator quietly when the request is aborted; the caller must still learn why.
      if (signal.aborted) throw cancelledError(ctx);
      if (!stopped) throw invalidResponseError(ctx, 'the stream ended before message_stop');
      const cost = costUsd(usage, options.pricing);
      yield { type: 'finish', usage, finishReason: stopReason, ...(cost === undefined ? {} : { costUsd: cost }) };
    } catch (error) {
      const mapped = mapAnthropicError(error, ctx, signal);
      const status = (error as { status?: unknown }).status;
      const headers = (error as { headers?: unknown }).headers;
      if (typeof status === 'number' && headers instanceof Headers) options.onResponse?.({ status, headers });
      throw mapped;
    }
  }

  return { id: options.id, stream };
}
