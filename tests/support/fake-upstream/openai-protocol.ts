import { textOf, type ProtocolWriter } from './protocol';

let sequence = 0;
const frame = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;

/** OpenAI Chat Completions: `data:` frames of chat.completion.chunk, a usage-only chunk, then `[DONE]`. */
export function openAIProtocol(): ProtocolWriter {
  const id = `chatcmpl-fake-${++sequence}`;
  const created = Math.floor(Date.now() / 1000);
  const chunk = (model: string, delta: object, finishReason: string | null) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  });
  let model = '';

  return {
    parse(body, headers) {
      const b = (body ?? {}) as Record<string, unknown>;
      const messages = Array.isArray(b.messages) ? b.messages : [];
      const maxTokens = b.max_completion_tokens ?? b.max_tokens;
      return {
        protocol: 'openai',
        model: String(b.model ?? ''),
        stream: b.stream === true,
        messages: messages.map((m: { role?: unknown; content?: unknown }) => ({ role: String(m.role), content: textOf(m.content) })),
        maxTokens: typeof maxTokens === 'number' ? maxTokens : undefined,
        headers,
      };
    },
    start(name) {
      model = name;
      return frame(chunk(model, { role: 'assistant', content: '' }, null));
    },
    delta: (text) => frame(chunk(model, { content: text }, null)),
    finish(name, stop, usage, cost) {
      const usageChunk = {
        id,
        object: 'chat.completion.chunk',
        created,
        model: name,
        choices: [],
        usage: {
          prompt_tokens: usage.input,
          completion_tokens: usage.output,
          total_tokens: usage.input + usage.output,
          ...(cost === undefined ? {} : { cost }),
        },
      };
      return frame(chunk(name, {}, stop)) + frame(usageChunk) + 'data: [DONE]\n\n';
    },
    malformed: () => `data: {"id":"${id}","object":"chat.completion.chunk","choices":[{"delta":{"content":"cut\n\n`,
    json: (name, text, stop, usage, cost) => ({
      id,
      object: 'chat.completion',
      created,
      model: name,
      choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: stop }],
      usage: {
        prompt_tokens: usage.input,
        completion_tokens: usage.output,
        total_tokens: usage.input + usage.output,
        ...(cost === undefined ? {} : { cost }),
      },
    }),
    errorBody: (status, message) => ({
      error: { message, type: status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'server_error' : 'invalid_request_error', code: null },
    }),
  };
}
