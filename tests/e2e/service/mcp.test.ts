/**
 * `/mcp` through the official MCP client (Client + StreamableHTTPClientTransport) against `next start`
 * (DESIGN.md §6): the tool list, a call with a progress notification per stage and structured content, a
 * cancelled call closing every upstream call, and requests that are not MCP.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '@/tests/support/fake-upstream';
import { startServiceFixture, type ServiceFixture } from './service-fixture';

let fixture: ServiceFixture;
const clients: Client[] = [];

beforeAll(async () => {
  fixture = await startServiceFixture();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close().catch(() => undefined)));
});
afterAll(async () => fixture?.close());

async function connect(): Promise<Client> {
  const client = new Client({ name: 'quorum-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${fixture.server.baseURL}/mcp`)));
  clients.push(client);
  return client;
}

describe('MCP server', () => {
  it('lists ask_council with its input and output schema', async () => {
    const client = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['ask_council']);
    expect(tools[0].inputSchema.required).toEqual(['question']);
    expect(Object.keys(tools[0].inputSchema.properties ?? {})).toEqual(['question', 'tier']);
    expect(tools[0].outputSchema?.properties).toHaveProperty('runId');
  });

  it('answers with the final text and structured content, reporting progress per stage', async () => {
    const client = await connect();
    const progress: { progress: number; total?: number; message?: string }[] = [];
    const result = await client.callTool({ name: 'ask_council', arguments: { question: 'What is MCP?', tier: 'fast' } }, undefined, {
      onprogress: (p) => progress.push(p),
    });
    expect(result.isError).toBeFalsy();
    expect(result.content).toEqual([{ type: 'text', text: 'The council agrees, says [q1].' }]);
    const structured = result.structuredContent as { runId: string; members: string[]; chairman: string; aggregate: unknown[]; costUsd: number; failures: unknown[]; timing: { stages: unknown[] } };
    expect(structured).toMatchObject({ members: ['q1', 'q2', 'q3'], chairman: 'q1', failures: [] });
    expect(structured.aggregate).toHaveLength(3);
    expect(structured.timing.stages).toHaveLength(3);
    expect(structured.costUsd).toBeGreaterThan(0);
    expect(progress.map((p) => p.progress)).toEqual([0, 1, 2]);
    expect(progress.every((p) => p.total === 3)).toBe(true);
    expect(progress[1].message).toMatch(/Stage 2 of 3/);

    // Stored like an API run, marked as coming from MCP.
    const detail = await findStoredRun(structured.runId);
    expect(detail).toMatchObject({ status: 'completed', finalText: 'The council agrees, says [q1].', source: 'mcp' });
  });

  it('reports an unknown tier and a failed council as tool errors, not protocol errors', async () => {
    const client = await connect();
    const unknown = await client.callTool({ name: 'ask_council', arguments: { question: 'Q', tier: 'nope' } });
    expect(unknown.isError).toBe(true);
    expect(JSON.stringify(unknown.content)).toMatch(/Unknown tier/);
    const failed = await client.callTool({ name: 'ask_council', arguments: { question: 'Nobody answers', tier: 'broken' } });
    expect(failed.isError).toBe(true);
  });

  it('cancels the run and closes every upstream call when the client cancels the request', async () => {
    const client = await connect();
    const controller = new AbortController();
    const call = client.callTool({ name: 'ask_council', arguments: { question: 'Cancel me via MCP', tier: 'slow' } }, undefined, {
      signal: controller.signal,
    });
    const slowCalls = () => fixture.upstream.requests.filter((r) => JSON.stringify(r.body).includes('Cancel me via MCP'));
    await waitUntil(() => slowCalls().length === 3 && slowCalls().every((r) => r.status === 200), 10_000, 'three streaming answers');
    const abortedAt = performance.now();
    controller.abort();
    await expect(call).rejects.toThrow();
    await waitUntil(() => slowCalls().every((r) => r.clientClosed), 5_000, 'every upstream call to close');
    const closedAfter = Math.max(...slowCalls().map((r) => r.clientClosedAt! - abortedAt));
    console.info(`MCP cancel: upstream calls closed ${Math.round(closedAfter)} ms after the client cancelled`);
    expect(closedAfter).toBeLessThan(2_000);
  });

  it('refuses requests that are not MCP with a JSON-RPC error, never a 500', async () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${fixture.server.baseURL}/mcp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
        body,
      });
    expect((await post('{')).status).toBe(400);
    expect((await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }))).status).toBe(400);
    const unknownSession = await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }), { 'mcp-session-id': 'no-such-session' });
    expect(unknownSession.status).toBe(404);
    expect(await unknownSession.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32001 } });
    expect((await fetch(`${fixture.server.baseURL}/mcp`)).status).toBe(400);
  });
});

async function findStoredRun(runId: string): Promise<{ status: string; finalText: string; source?: string } | undefined> {
  const list = (await (await fetch(`${fixture.server.baseURL}/api/conversations?limit=100`)).json()) as { items: { id: string }[] };
  for (const item of list.items) {
    const detail = (await (await fetch(`${fixture.server.baseURL}/api/conversations/${item.id}`)).json()) as {
      runs: { id: string; status: string; finalText: string; events: { type: string; source?: string }[] }[];
    };
    const run = detail.runs.find((r) => r.id === runId);
    if (run) return { status: run.status, finalText: run.finalText, source: run.events[0]?.source };
  }
  return undefined;
}
