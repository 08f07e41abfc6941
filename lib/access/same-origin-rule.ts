/**
 * Cross-site request forgery (DESIGN.md §5). A browser attaches the session cookie (and, in personal mode, the
 * localhost position itself) to requests any site can make, so a state-changing request must show it came from
 * this app's own pages, and must send its body as application/json (which no cross-site form or simple request
 * can, without a CORS preflight this server never grants). A Bearer request carries no ambient credential and
 * is exempt.
 */

export interface OriginFacts {
  method: string;
  /** `Sec-Fetch-Site`, sent by every current browser. */
  secFetchSite: string | null;
  origin: string | null;
  /** The request's Host header (already checked against the allowed hosts). */
  host: string | null;
  contentType: string | null;
  /** Whether the request carries a body (`content-length` > 0 or `transfer-encoding`). */
  hasBody: boolean;
  /** The browser's session cookie is present: then proof of same origin is required, not merely the absence of a cross-site sign. */
  cookieAuthenticated: boolean;
  /** A Bearer key is presented: no ambient credential. */
  bearer: boolean;
}

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether `origin` is this app's own origin: its host (and port) equal the Host header, over http or https. */
export function isOwnOrigin(origin: string, host: string | null): boolean {
  if (!host) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return url.host.toLowerCase() === host.trim().toLowerCase();
}

function isJson(contentType: string | null): boolean {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/json';
}

export function checkSameOrigin(facts: OriginFacts): OriginVerdict {
  if (SAFE_METHODS.has(facts.method.toUpperCase()) || facts.bearer) return { ok: true };
  const site = facts.secFetchSite?.trim().toLowerCase() ?? null;
  const origin = facts.origin?.trim() ?? null;
  const sameBySite = site === 'same-origin';
  const sameByOrigin = origin !== null && origin !== 'null' && isOwnOrigin(origin, facts.host);
  const crossBySite = site !== null && site !== 'same-origin' && site !== 'none';
  const crossByOrigin = origin !== null && !sameByOrigin;
  if (crossBySite || crossByOrigin) return { ok: false, reason: 'This request came from another site.' };
  if (facts.cookieAuthenticated && !sameBySite && !sameByOrigin) {
    return { ok: false, reason: 'A signed-in request must show it comes from this app (Sec-Fetch-Site or Origin).' };
  }
  if (facts.hasBody && !isJson(facts.contentType)) return { ok: false, reason: 'The request body must be sent as application/json.' };
  return { ok: true };
}
