import { describe, expect, it } from 'vitest';
import { McpSessions, type McpSession } from '@/lib/service/mcp/mcp-sessions';

function session(id: string, ownerKeyId: string | null, lastUsedAt: number, closed: string[]): McpSession {
  return { id, ownerKeyId, lastUsedAt, transport: {} as never, server: { close: async () => void closed.push(id) } as never };
}

describe('MCP sessions', () => {
  it('finds a session only for the identity that opened it', () => {
    const sessions = new McpSessions(1_000, 10, () => 0);
    sessions.add(session('s1', 'key-a', 0, []));
    expect(sessions.find('s1', 'key-a')?.id).toBe('s1');
    expect(sessions.find('s1', 'key-b')).toBeUndefined();
    expect(sessions.find('s1', null)).toBeUndefined();
    expect(sessions.find('nope', 'key-a')).toBeUndefined();
  });

  it('drops idle sessions, then the least recently used, to stay within the bound', () => {
    let now = 0;
    const closed: string[] = [];
    const sessions = new McpSessions(1_000, 2, () => now);
    sessions.add(session('old', null, 0, closed));
    sessions.add(session('recent', null, 900, closed));
    now = 1_500;
    sessions.makeRoom();
    expect(closed).toEqual(['old']);
    sessions.add(session('newer', null, 1_400, closed));
    sessions.find('recent', null);
    sessions.makeRoom();
    expect(closed).toEqual(['old', 'newer']);
    expect(sessions.size).toBe(1);
  });

  it('evicts only the opening key’s own oldest session once it holds its share', () => {
    const closed: string[] = [];
    const sessions = new McpSessions(60_000, 100, () => 10, 2);
    sessions.add(session('victim', 'key-a', 1, closed));
    sessions.add(session('mine-1', 'key-b', 2, closed));
    sessions.add(session('mine-2', 'key-b', 3, closed));
    sessions.makeRoom('key-b');
    expect(closed).toEqual(['mine-1']);
    expect(sessions.find('victim', 'key-a')).toBeDefined();
  });
});
