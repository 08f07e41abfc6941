/**
 * The browser's session cookie (DESIGN.md §5): a random session id (never the key), httpOnly, SameSite=Lax,
 * Secure over https. The `__Host-` prefix would be stronger but browsers refuse it without Secure, and a
 * personal or LAN server is often plain http.
 */
export const SESSION_COOKIE = 'quorum_session';
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** The value of one cookie in a Cookie header; null when absent. */
export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export function sessionCookie(sessionId: string, options: { secure: boolean; maxAgeSeconds: number }): string {
  const parts = [`${SESSION_COOKIE}=${sessionId}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${options.maxAgeSeconds}`];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

export function clearedSessionCookie(options: { secure: boolean }): string {
  return sessionCookie('', { ...options, maxAgeSeconds: 0 });
}

/** Whether the request reached us over https (directly, or as the reverse proxy in front says). */
export function isHttps(url: string, forwardedProto: string | null): boolean {
  if (forwardedProto) return forwardedProto.split(',')[0].trim().toLowerCase() === 'https';
  return url.startsWith('https:');
}
