/** The largest request body any route accepts (DESIGN.md §5): larger ones are refused before parsing. */
export const MAX_BODY_BYTES = 64 * 1024;

export type LimitedBody = { ok: true; text: string } | { ok: false; reason: 'too_large' | 'unreadable' };

/**
 * Reads a request body as UTF-8 text, refusing it as soon as it passes `maxBytes`: a declared
 * `content-length` over the limit is refused without reading, and a chunked upload is cut the moment its
 * running total passes the limit (the rest is never waited for). Invalid UTF-8 becomes U+FFFD.
 */
export async function readLimitedBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<LimitedBody> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    return { ok: false, reason: 'too_large' };
  }
  if (!request.body) return { ok: true, text: '' };
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: 'too_large' };
      }
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  return { ok: true, text: text + decoder.decode() };
}
