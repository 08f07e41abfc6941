/**
 * `/mcp`: the council as an MCP server over Streamable HTTP (the official SDK's web-standard transport). A
 * request without a session must be `initialize` and opens one; every other request names its session.
 */
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { ownerKeyIdOf, type Identity } from '@/lib/access/identity';
import { normaliseJson } from '@/lib/http/normalise-text';
import { readLimitedBody } from '@/lib/http/read-limited-body';
import type { PipelineDeps } from '@/lib/server/council-pipeline';
import { registerAskCouncil } from './ask-council-tool';
import type { McpSessions } from './mcp-sessions';

export const MCP_MAX_BODY_BYTES = 64 * 1024;

export interface McpHandlerOptions {
  identity: Identity;
  sessions: McpSessions;
  deps: () => PipelineDeps;
  version: string;
}

export async function handleMcpRequest(request: Request, options: McpHandlerOptions): Promise<Response> {
  const owner = ownerKeyIdOf(options.identity);
  const sessionId = request.headers.get('mcp-session-id');
  const session = sessionId ? options.sessions.find(sessionId, owner) : undefined;
  if (sessionId && !session) return jsonRpcError(404, -32001, 'Session not found: initialize a new one.');
  if (request.method !== 'POST') {
    if (session) return session.transport.handleRequest(request);
    return jsonRpcError(400, -32000, 'Bad Request: no session; send initialize first.');
  }

  // Read here, bounded and normalised like every other body (DESIGN.md §5), and handed to the transport parsed.
  const read = await readLimitedBody(request, MCP_MAX_BODY_BYTES);
  if (!read.ok) {
    return read.reason === 'too_large'
      ? jsonRpcError(413, -32600, `Request too large: at most ${MCP_MAX_BODY_BYTES} bytes.`)
      : jsonRpcError(400, -32700, 'Parse error: the body could not be read.');
  }
  let body: unknown;
  try {
    body = normaliseJson(JSON.parse(read.text));
  } catch {
    return jsonRpcError(400, -32700, 'Parse error: the body is not valid JSON.');
  }
  if (session) return session.transport.handleRequest(request, { parsedBody: body });
  const messages = Array.isArray(body) ? body : [body];
  if (!messages.some((message) => isInitializeRequest(message))) {
    return jsonRpcError(400, -32000, 'Bad Request: no session; send initialize first.');
  }
  options.sessions.makeRoom(owner);
  const server = new McpServer({ name: 'quorum', version: options.version }, { capabilities: { tools: {} } });
  // The identity is fixed when the session opens: every later request must present the same one (find()).
  registerAskCouncil(server, () => ({ identity: options.identity, deps: options.deps }));
  const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id): void => options.sessions.add({ id, ownerKeyId: owner, server, transport, lastUsedAt: Date.now() }),
    onsessionclosed: (id) => options.sessions.forget(id),
  });
  await server.connect(transport);
  return transport.handleRequest(request, { parsedBody: body });
}

function jsonRpcError(status: number, code: number, message: string): Response {
  return Response.json({ jsonrpc: '2.0', error: { code, message }, id: null }, { status, headers: { 'cache-control': 'no-store' } });
}
