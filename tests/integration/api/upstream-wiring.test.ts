import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { councilRequest, loadRoutes, readEvents, waitFor } from './route-harness';

vi.mock('server-only', () => ({}));

interface SeenRequest {
  path: string;
  authorization: string | undefined;
  model: string;
  closed: boolean;
}

/**
 * A loopback Chat Completions server that streams one token and then never finishes: every call
 * stays open until the client aborts it, which it records.
 */
async function startHangingUpstream() {
  const seen: SeenRequest[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const entry: SeenRequest = {
      path: req.url ?? '',
      authorization: req.headers.authorization,
      model: (JSON.parse(body) as { model: string }).model,
      closed: false,
    };
    seen.push(entry);
    res.on('close', () => (entry.closed = true));
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const chunk = { id: 'c1', object: 'chat.completion.chunk', created: 0, model: entry.model, choices: [{ index: 0, delta: { role: 'assistant', content: 'Thinking' }, finish_reason: null }] };
    res.write(`data: ${JSON.stringify(chunk)}\n\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

describe('POST /api/council against a real upstream', () => {
  it('sends the key from the environment to the *_BASE_URL upstream, and a client that leaves closes every call once the detach grace ends', async () => {
    const upstream = await startHangingUpstream();
    cleanups.push(upstream.close);
    const key = 'test-openrouter-wiring-key';
    const { council, cleanup } = await loadRoutes(
      {
        tiers: [
          {
            id: 'pair',
            council: ['gpt-5.1', 'grok-4'],
            chairman: 'gpt-5.1',
            firstTokenTimeoutMs: 60_000,
            idleTimeoutMs: 60_000,
          },
        ],
        defaultTier: 'pair',
      },
      { OPENROUTER_API_KEY: key, OPENROUTER_BASE_URL: `${upstream.url}/api/v1`, QUORUM_DETACH_GRACE_MS: '100' },
    );
    cleanups.push(cleanup);

    const controller = new AbortController();
    const response = await council.POST(councilRequest({ question: 'Is anyone there?' }, controller.signal));
    expect(response.status).toBe(200);
    const reading = readEvents(response, () => false, 20_000);
    await waitFor(() => upstream.seen.length === 2);

    expect(upstream.seen.map((r) => r.path)).toEqual(['/api/v1/chat/completions', '/api/v1/chat/completions']);
    expect(upstream.seen.map((r) => r.model).sort()).toEqual(['openai/gpt-5.1', 'x-ai/grok-4']);
    expect(upstream.seen.every((r) => r.authorization === `Bearer ${key}`)).toBe(true);
    expect(upstream.seen.some((r) => r.closed)).toBe(false);

    const abortedAt = performance.now();
    controller.abort();
    await waitFor(() => upstream.seen.every((r) => r.closed), 5_000);
    console.info(`upstream calls closed ${Math.round(performance.now() - abortedAt)} ms after the client abort (grace 100 ms)`);
    const { ended, events } = await reading;
    expect(ended).toBe(true);
    expect(JSON.stringify(events)).not.toContain(key);
  });
});
