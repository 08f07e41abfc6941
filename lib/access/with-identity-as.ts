import 'server-only';
import { jsonResponse } from '@/lib/http/json-response';
import type { Identity } from './identity';
import { refusalBody } from './refusal-body';
import { identifyRequest } from './request-identity';

/**
 * withIdentity for the service front doors: the same lookup, with a refusal in the shape the door's clients
 * understand (OpenAI's error for /v1, JSON-RPC for /mcp; see refusal-body.ts).
 */
export async function withIdentityAs(
  pathname: string,
  request: Request,
  handle: (identity: Identity) => Promise<Response>,
): Promise<Response> {
  const result = await identifyRequest(request);
  if (!result.ok) {
    const headers: Record<string, string> = result.status === 401 ? { 'www-authenticate': 'Bearer realm="quorum"' } : { 'retry-after': '5' };
    return jsonResponse(refusalBody(pathname, result.status, result.code, result.message), result.status, headers);
  }
  return handle(result.identity);
}
