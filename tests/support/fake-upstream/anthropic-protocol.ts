import { textOf, type ProtocolWriter, type StopKind } from './protocol';

let sequence = 0;
const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
const stopReason = (stop: StopKind) => (stop === 'length' ? 'max_tokens' : 'end_turn');

function errorType(status: number): string {
  if (status === 529) return 'overloaded_error';
  if (status === 429) return 'rate_limit_error';
  if (status === 401) return 'authentication_error';
  if (status >= 500) return 'api_error';
  return 'invalid_request_error';
}

/**
 * Anthropic Messages, streamed as the real API does: message_start, content_block_start, ping,
 * content_block_delta…, content_block_stop, message_delta (stop reason, cumulative usage), message_stop.
 */
export function anthropicProtocol(): ProtocolWriter {
  const id = `msg_fake_${++sequence}`;
  return {
    parse(body, headers) {
      const b = (body ?? {}) as Record<string, unknown>;
      const turns = Array.isArray(b.messages) ? b.messages : [];
      const system = textOf(b.system);
      return {
        protocol: 'anthropic',
        model: String(b.model ?? ''),
        stream: b.stream === true,
        messages: [
          ...(system ? [{ role: 'system', content: system }] : []),
          ...turns.map((m: { role?: unknown; content?: unknown }) => ({ role: String(m.role), content: textOf(m.content) })),
        ],
        maxTokens: typeof b.max_tokens === 'number' ? b.max_tokens : undefined,
        headers,
      };
    },
    start: (model, usage) =>
      frame('message_start', {
        type: 'message_start',
        message: {
          id,
          type: 'message',
          role: 'assistant',
          content: [],
          model,
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: usage.input, output_tokens: 1 },
        },
      }) +
      frame('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }) +
      frame('ping', { type: 'ping' }),
    delta: (text) => frame('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }),
    finish: (_model, stop, usage) =>
      frame('content_block_stop', { type: 'content_block_stop', index: 0 }) +
      frame('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: stopReason(stop), stop_sequence: null },
        usage: { output_tokens: usage.output },
      }) +
      frame('message_stop', { type: 'message_stop' }),
    malformed: () => 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"te\n\n',
    json: (model, text, stop, usage) => ({
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'text', text }],
      stop_reason: stopReason(stop),
      stop_sequence: null,
      usage: { input_tokens: usage.input, output_tokens: usage.output },
    }),
    errorBody: (status, message) => ({ type: 'error', error: { type: errorType(status), message } }),
  };
}
