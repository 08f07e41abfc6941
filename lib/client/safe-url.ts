/**
 * Model output is untrusted: a link in it may only point to http(s) or mailto. Anything else (javascript:,
 * data:, vbscript:, relative paths that would hit this app) is dropped, and the link renders as plain text.
 */
const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

export function safeUrl(url: string): string | null {
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"): strip them first.
  const compact = [...url].filter((c) => !isControlOrSpace(c.charCodeAt(0))).join('');
  try {
    if (!ALLOWED_PROTOCOLS.has(new URL(compact).protocol)) return null;
    const parsed = new URL(url.trim());
    return ALLOWED_PROTOCOLS.has(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

function isControlOrSpace(code: number): boolean {
  return code <= 0x20 || (code >= 0x7f && code <= 0x9f);
}
