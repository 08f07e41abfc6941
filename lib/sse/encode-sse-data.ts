/**
 * Unnamed SSE messages, as OpenAI-style streams use them: `data: <json>` (JSON.stringify never emits a raw CR
 * or LF, so the payload cannot break the framing), the literal `data: [DONE]`, and comment lines that keep a
 * quiet connection open without being an event.
 */
export function encodeSseData(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}

export const SSE_DONE = 'data: [DONE]\n\n';

/** A comment: every SSE parser skips it; proxies and idle timeouts see traffic. */
export function encodeSseComment(text: string): string {
  if (/[\r\n]/.test(text)) throw new Error('An SSE comment must not contain CR or LF.');
  return `: ${text}\n\n`;
}
