/**
 * Which `Host` headers the server answers (DESIGN.md §5): DNS rebinding points an attacker's name at this
 * server, so a name must be one the operator listed (`QUORUM_ALLOWED_HOSTS`, plus localhost). Literal IP
 * addresses are always allowed, since rebinding needs a name; the port is ignored.
 */

/** The host name of a Host header, lower case, without port or IPv6 brackets; null when it cannot be one. */
export function hostNameOf(header: string | null | undefined): string | null {
  if (!header) return null;
  const value = header.trim().toLowerCase();
  if (value.length === 0 || value.length > 255) return null;
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    if (end < 0) return null;
    const rest = value.slice(end + 1);
    if (rest !== '' && !/^:[0-9]{1,5}$/.test(rest)) return null;
    return value.slice(1, end);
  }
  const colon = value.lastIndexOf(':');
  const name = colon >= 0 ? value.slice(0, colon) : value;
  const port = colon >= 0 ? value.slice(colon + 1) : '';
  if (colon >= 0 && !/^[0-9]{1,5}$/.test(port)) return null;
  // Letters, digits, dots and dashes: anything else (a space, a slash, a second colon) is not a host name.
  if (!/^[a-z0-9.-]+$/.test(name) || name.length === 0) return null;
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

function isIpv4(name: string): boolean {
  const parts = name.split('.');
  return parts.length === 4 && parts.every((p) => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255);
}

function isIpv6(name: string): boolean {
  return name.includes(':') && /^[0-9a-f:.]+$/.test(name);
}

/** The allowed names: localhost always, plus the comma-separated QUORUM_ALLOWED_HOSTS (lower-cased, trimmed). */
export function allowedHostsFrom(setting: string | undefined): Set<string> {
  const names = new Set(['localhost']);
  for (const entry of (setting ?? '').split(',')) {
    const name = hostNameOf(entry);
    if (name) names.add(name);
  }
  return names;
}

export function isAllowedHost(header: string | null | undefined, allowed: Set<string>): boolean {
  const name = hostNameOf(header);
  if (name === null) return false;
  return isIpv4(name) || isIpv6(name) || allowed.has(name) || name.endsWith('.localhost');
}
