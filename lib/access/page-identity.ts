import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { Identity } from './identity';
import { identifyRequest } from './request-identity';

/**
 * A page's caller, through the same helper as the route handlers; in shared mode without a valid key or
 * session, a redirect to the sign-in page. Reading the request's headers also makes the page render per
 * request, which the CSP nonce needs.
 */
export async function requirePageIdentity(): Promise<Identity> {
  const result = await identifyRequest({ headers: await headers() });
  if (!result.ok) redirect('/sign-in');
  return result.identity;
}
