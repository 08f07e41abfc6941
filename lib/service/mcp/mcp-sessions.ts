/**
 * MCP sessions of this process (Streamable HTTP, stateful): a cancel notification arrives as a request of its
 * own and must find the server that runs the tool call, so each session keeps its server and transport here.
 * A session belongs to the identity that opened it (another key gets 404, as if it did not exist), is dropped
 * after an idle stretch, and their number is bounded so that opening sessions cannot grow memory without end.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';

export interface McpSession {
  id: string;
  /** The key that opened it; null in personal mode. */
  ownerKeyId: string | null;
  server: McpServer;
  transport: WebStandardStreamableHTTPServerTransport;
  lastUsedAt: number;
}

export const MCP_SESSION_IDLE_MS = 30 * 60_000;
export const MAX_MCP_SESSIONS = 1_000;
/** One key opening sessions in a loop only ever evicts its own oldest, never another key's. */
export const MAX_MCP_SESSIONS_PER_OWNER = 20;

export class McpSessions {
  private readonly sessions = new Map<string, McpSession>();

  constructor(
    private readonly idleMs = MCP_SESSION_IDLE_MS,
    private readonly max = MAX_MCP_SESSIONS,
    private readonly now: () => number = Date.now,
    private readonly maxPerOwner = MAX_MCP_SESSIONS_PER_OWNER,
  ) {}

  /** The session, touched, when it exists and belongs to this owner. */
  find(id: string, ownerKeyId: string | null): McpSession | undefined {
    const session = this.sessions.get(id);
    if (!session || session.ownerKeyId !== ownerKeyId) return undefined;
    session.lastUsedAt = this.now();
    return session;
  }

  add(session: McpSession): void {
    this.sessions.set(session.id, session);
  }

  /**
   * Frees room for one more session of `ownerKeyId`: idle sessions first, then that owner's least recently used
   * beyond its own share, then the least recently used of all. False only if max is 0.
   */
  makeRoom(ownerKeyId: string | null = null): boolean {
    const cutoff = this.now() - this.idleMs;
    for (const session of [...this.sessions.values()]) if (session.lastUsedAt < cutoff) this.close(session.id);
    const own = () => [...this.sessions.values()].filter((session) => session.ownerKeyId === ownerKeyId);
    while (own().length >= this.maxPerOwner && own().length > 0) {
      this.close(own().reduce((a, b) => (a.lastUsedAt <= b.lastUsedAt ? a : b)).id);
    }
    while (this.sessions.size >= this.max && this.sessions.size > 0) {
      const oldest = [...this.sessions.values()].reduce((a, b) => (a.lastUsedAt <= b.lastUsedAt ? a : b));
      this.close(oldest.id);
    }
    return this.max > 0;
  }

  close(id: string): void {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    void session.server.close().catch(() => undefined);
  }

  forget(id: string): void {
    this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }
}
