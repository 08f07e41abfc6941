import type { ChatChunk, ChatModel, ChatRequest } from '@/lib/council/chat-model';
import { ModelCallError, toModelCallError } from '@/lib/council/model-call-error';
import { childAbort } from '@/lib/http/child-abort';
import { normaliseText } from '@/lib/http/normalise-text';
import { redactSecret } from './http/redact-secret';

/**
 * Most characters one call may stream per token of its `maxTokens`: four times a generous four characters a
 * token. A server that honours `max_tokens` never comes near it; one that ignores it is cut here instead of
 * streaming (and billing) forever.
 */
export const OUTPUT_CHARS_PER_TOKEN_CAP = 16;

export interface GuardOptions {
  /** The key this model calls with: scrubbed from error messages (anything key-like is scrubbed as well). */
  apiKey?: string;
}

/**
 * What every vendor adapter's output passes through before the resilience layer and the engine see it:
 * - a cap on the text of one attempt (`maxTokens × OUTPUT_CHARS_PER_TOKEN_CAP` characters): past it the
 *   upstream call is aborted and the attempt fails, not retried, with reason `invalid_response` — a
 *   model that ignores its limit usually loops, so its text is not passed on as an answer;
 * - text without NUL or lone surrogates, so both stores keep exactly what the client saw;
 * - error messages with the key and anything key-like redacted, whichever adapter produced them.
 */
export function guardModel(model: ChatModel, options: GuardOptions = {}): ChatModel {
  return { id: model.id, stream: (request, signal) => guardedStream(model, request, signal, options) };
}

async function* guardedStream(
  model: ChatModel,
  request: ChatRequest,
  callerSignal: AbortSignal,
  options: GuardOptions,
): AsyncGenerator<ChatChunk, void, undefined> {
  const cut = childAbort(callerSignal);
  const signal = cut.signal;
  const capChars = Math.max(1, request.maxTokens) * OUTPUT_CHARS_PER_TOKEN_CAP;
  const text = new WellFormedDeltas();
  let streamed = 0;
  try {
    for await (const chunk of model.stream(request, signal)) {
      if (chunk.type !== 'delta') {
        const held = text.flush();
        if (held) yield { type: 'delta', text: held };
        yield chunk.type === 'retrying' ? { ...chunk, reason: redactSecret(chunk.reason, options.apiKey) } : chunk;
        continue;
      }
      streamed += chunk.text.length;
      if (streamed > capChars) {
        const error = new ModelCallError({
          reason: 'invalid_response',
          message: `${model.id} kept writing past ${capChars} characters although ${request.maxTokens} tokens were asked for; the call was cut.`,
          retryable: false,
        });
        cut.abort(error);
        throw error;
      }
      const delta = text.push(chunk.text);
      if (delta) yield { type: 'delta', text: delta };
    }
    const held = text.flush();
    if (held) yield { type: 'delta', text: held };
  } catch (error) {
    const failure = toModelCallError(error, callerSignal);
    throw new ModelCallError({
      reason: failure.reason,
      message: redactSecret(failure.message, options.apiKey),
      retryable: failure.retryable,
      status: failure.status,
      retryAfterMs: failure.retryAfterMs,
    });
  } finally {
    cut.dispose();
  }
}

/**
 * Normalises streamed text piece by piece. A high surrogate at the end of a piece may be completed by the next
 * one, so it is held back until then (and becomes U+FFFD if nothing completes it).
 */
class WellFormedDeltas {
  private held = '';

  push(piece: string): string {
    const text = this.held + piece;
    const last = text.charCodeAt(text.length - 1);
    const endsHigh = last >= 0xd800 && last <= 0xdbff;
    this.held = endsHigh ? text.slice(-1) : '';
    return normaliseText(endsHigh ? text.slice(0, -1) : text);
  }

  flush(): string {
    const held = this.held;
    this.held = '';
    return normaliseText(held);
  }
}
