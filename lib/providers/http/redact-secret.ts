/**
 * Upstream error bodies sometimes echo the credential back ("Incorrect API key provided: sk-…").
 * Everything an adapter puts in an error message passes through here first.
 */
export function redactSecret(text: string, secret: string): string {
  let out = text;
  // Very short "keys" (local servers accept anything) would redact ordinary words; they are not secrets.
  if (secret.length >= 6) out = out.split(secret).join('[redacted]');
  return out.replace(/\b(Bearer|Basic)\s+[^\s"',;]+/gi, '$1 [redacted]');
}

/** Keeps upstream detail readable in a UI notice without letting a huge HTML error page through. */
export function truncateDetail(text: string, max = 300): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
