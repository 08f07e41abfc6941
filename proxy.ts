import { NextResponse, type NextRequest } from 'next/server';
import { parseBearerKey } from '@/lib/access/access-key';
import { identifyRequest } from '@/lib/access/request-identity';
import { allowedHostsFrom, isAllowedHost } from '@/lib/access/host-rule';
import { checkSameOrigin } from '@/lib/access/same-origin-rule';
import { contentSecurityPolicy, newNonce, STATIC_SECURITY_HEADERS } from '@/lib/access/security-headers';
import { readCookie, SESSION_COOKIE } from '@/lib/access/session-cookie';
import { refusalBody } from '@/lib/access/refusal-body';

/**
 * In front of every route (DESIGN.md §5), the checks that need no storage: the Host must be one this server
 * answers to (421, against DNS rebinding; `GET /api/health` is exempt so load balancers can probe by IP or
 * any name), a state-changing browser request must come from this app's own pages as JSON (403), and every
 * response carries the security headers with a fresh CSP nonce, which Next puts on its own scripts. Then, in
 * shared mode, the gate: without a valid key or session every route but the open ones answers 401 (APIs) or
 * sends the browser to the sign-in page, so that a route that forgets to ask cannot be reached. Handlers ask
 * the same helper (lib/access/request-identity.ts, memoised for at most 2 s) for the Identity they act as.
 */

const allowedHosts = allowedHostsFrom(process.env.QUORUM_ALLOWED_HOSTS);
const dev = process.env.NODE_ENV === 'development';

function withSecurityHeaders(response: NextResponse, csp: string): NextResponse {
  response.headers.set('content-security-policy', csp);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

/** The refusal in the shape of the front door asked: OpenAI's for /v1, JSON-RPC for /mcp, Quorum's otherwise. */
function refuse(pathname: string, status: number, code: string, error: string, csp: string): NextResponse {
  const body = refusalBody(pathname, status, code, error);
  return withSecurityHeaders(NextResponse.json(body, { status, headers: { 'cache-control': 'no-store' } }), csp);
}

/** Open in shared mode too: the health probe, signing in and out, and the sign-in page. */
function isOpen(pathname: string, method: string): boolean {
  if (pathname === '/api/health') return method === 'GET' || method === 'HEAD';
  return pathname === '/api/session' || pathname === '/sign-in';
}

function isPage(pathname: string): boolean {
  return !pathname.startsWith('/api/') && !pathname.startsWith('/v1/') && pathname !== '/mcp';
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev });
  const { pathname } = request.nextUrl;
  const method = request.method.toUpperCase();
  const host = request.headers.get('host');
  const healthProbe = pathname === '/api/health' && (method === 'GET' || method === 'HEAD');

  if (!healthProbe && !isAllowedHost(host, allowedHosts)) {
    return refuse(pathname, 421, 'misdirected_host', 'This server does not answer to that host name. Add it to QUORUM_ALLOWED_HOSTS.', csp);
  }

  const verdict = checkSameOrigin({
    method,
    secFetchSite: request.headers.get('sec-fetch-site'),
    origin: request.headers.get('origin'),
    host,
    contentType: request.headers.get('content-type'),
    hasBody: Number(request.headers.get('content-length') ?? '0') > 0 || request.headers.has('transfer-encoding'),
    cookieAuthenticated: readCookie(request.headers.get('cookie'), SESSION_COOKIE) !== null,
    bearer: parseBearerKey(request.headers.get('authorization')) !== null,
  });
  if (!verdict.ok) return refuse(pathname, 403, 'cross_site', verdict.reason, csp);

  if (!isOpen(pathname, method)) {
    const identity = await identifyRequest(request);
    if (!identity.ok) {
      if (identity.status === 401 && isPage(pathname) && method === 'GET') {
        return withSecurityHeaders(NextResponse.redirect(new URL('/sign-in', request.url)), csp);
      }
      const response = refuse(pathname, identity.status, identity.code, identity.message, csp);
      if (identity.status === 401) response.headers.set('www-authenticate', 'Bearer realm="quorum"');
      return response;
    }
  }

  const headers = new Headers(request.headers);
  headers.set('content-security-policy', csp);
  headers.set('x-nonce', nonce);
  return withSecurityHeaders(NextResponse.next({ request: { headers } }), csp);
}

export const config = {
  // Static build assets carry no secrets and no state; everything else, API and pages alike, passes here.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
