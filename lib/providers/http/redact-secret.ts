/**
 * Upstream error bodies sometimes echo the credential back ("Incorrect API key provided: sk-…"), and an error
 * may quote someone else's key or a token from a proxy. Everything an adapter puts in an error message passes
 * through here first: the configured key itself, and anything that looks like one.
 *
 * Every pattern is linear: no two adjacent repeats can share a character, so no input makes them backtrack.
 */

const REDACTED = '[redacted]';

/** Vendor keys by prefix: OpenAI `sk-…` / `sk-proj-…`, Anthropic `sk-ant-…`, OpenRouter `sk-or-…`, Quorum `qk_…`. */
const PREFIXED_KEY = /\b(?:sk|rk|pk)-[A-Za-z0-9_-]{12,}|\bqk_[A-Za-z0-9_-]{12,}/g;
/** `Authorization: Bearer …`, `Basic …`, `Token …`. */
const AUTH_SCHEME = /\b(Bearer|Basic|Token)\s+[^\s"',;]+/gi;
/** `api_key=…`, `"apiKey": "…"`, `x-api-key: …`, `access_token=…`, `password=…` and the like. */
const NAMED_SECRET =
  /\b((?:x-)?api[_-]?key|access[_-]?token|auth[_-]?token|refresh[_-]?token|client[_-]?secret|secret|password|passwd|token)(["']?\s*[:=]\s*["']?)[^\s"'&,;}]+/gi;
/** Long runs of key-like characters: hex (≥ 32) or base64/url-safe (≥ 32, with letters and digits mixed). */
const LONG_TOKEN = /[A-Za-z0-9+/_-]{32,}={0,2}/g;

/** Redacts `secret` (the caller's own key) and anything else that looks like a credential. */
export function redactSecret(text: string, secret = ''): string {
  let out = text;
  // Very short "keys" (local servers accept anything) would redact ordinary words; they are not secrets.
  if (secret.length >= 6) out = out.split(secret).join(REDACTED);
  return redactKeyLike(out);
}

/** Redacts anything that looks like a credential, whatever key is configured. */
export function redactKeyLike(text: string): string {
  return text
    .replace(PREFIXED_KEY, REDACTED)
    .replace(AUTH_SCHEME, `$1 ${REDACTED}`)
    .replace(NAMED_SECRET, `$1$2${REDACTED}`)
    .replace(LONG_TOKEN, (token) => (looksRandom(token) ? REDACTED : token));
}

/** A long run with both letters and digits is a token; a long word or a path of words is not. */
function looksRandom(token: string): boolean {
  let letters = 0;
  let digits = 0;
  for (const char of token) {
    if (char >= '0' && char <= '9') digits++;
    else if (/[A-Za-z]/.test(char)) letters++;
  }
  return digits >= 4 && letters >= 4;
}

/** Keeps upstream detail readable in a UI notice without letting a huge HTML error page through. */
export function truncateDetail(text: string, max = 300): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
