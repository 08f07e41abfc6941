/**
 * A refusal from the access layer (wrong host, cross-site, no key, storage down) in the shape the front door's
 * clients understand: OpenAI's error object for `/v1` (so the SDKs raise AuthenticationError and friends), a
 * JSON-RPC error for `/mcp`, Quorum's `{ error, code }` everywhere else.
 */
const OPENAI_TYPE: Record<number, string> = {
  401: 'authentication_error',
  403: 'permission_error',
  421: 'invalid_request_error',
  503: 'server_error',
};

export function refusalBody(pathname: string, status: number, code: string, message: string): unknown {
  if (pathname === '/v1' || pathname.startsWith('/v1/')) {
    return { error: { message, type: OPENAI_TYPE[status] ?? 'invalid_request_error', param: null, code: status === 401 ? 'invalid_api_key' : code } };
  }
  if (pathname === '/mcp') return { jsonrpc: '2.0', error: { code: -32001, message, data: { code } }, id: null };
  return { error: message, code };
}
