/**
 * Text from outside (request bodies) made safe to store: the same characters reach SQLite and PostgreSQL.
 * PostgreSQL refuses NUL in `text` while SQLite keeps it, and a lone UTF-16 surrogate is encoded differently
 * (or refused) by the two drivers; so NUL is removed and every lone surrogate becomes U+FFFD.
 */

// A high surrogate not followed by a low one, or a low one not preceded by a high one. Both branches look at
// one neighbour only, so the scan is linear.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NUL = new RegExp(String.fromCharCode(0), 'g');

/** Well-formed text without NUL: lone surrogates → U+FFFD, NUL removed. */
export function normaliseText(text: string): string {
  return text.replace(NUL, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** `normaliseText` applied to every string (and object key) in a parsed JSON value. */
export function normaliseJson(value: unknown): unknown {
  if (typeof value === 'string') return normaliseText(value);
  if (Array.isArray(value)) return value.map(normaliseJson);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[normaliseText(key)] = normaliseJson(inner);
    return out;
  }
  return value;
}
