import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { anthropicProtocol } from './anthropic-protocol';
import { Exchange } from './exchange';
import { openAIProtocol } from './openai-protocol';
import { RateLimitWindow } from './rate-limit';
import { faultFor, playScript } from './play-script';
import type { ProtocolWriter } from './protocol';
import type { Behaviour, FakeUpstream, FakeUpstreamScript, RecordedRequest } from './types';

const ROUTES: Record<string, () => ProtocolWriter> = {
  '/v1/chat/completions': openAIProtocol,
  '/api/v1/chat/completions': openAIProtocol,
  '/v1/messages': anthropicProtocol,
};

/**
 * A loopback server speaking OpenAI Chat Completions and Anthropic Messages, scripted per upstream
 * model name, recording every request and every TCP connection.
 */
export async function startFakeUpstream(script: FakeUpstreamScript = {}): Promise<FakeUpstream> {
  const behaviours = new Map<string, Behaviour>(Object.entries(script));
  const attempts = new Map<string, number>();
  const windows = new Map<string, RateLimitWindow>();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const exchanges = new Set<Exchange>();
  let connectionsOpened = 0;
  let pendingTimers = 0;

  const server = createServer((req, res) => {
    const record: RecordedRequest = {
      id: requests.length + 1,
      path: req.url ?? '',
      protocol: 'unknown',
      model: '',
      attempt: 0,
      stream: false,
      body: undefined,
      headers: req.headers,
      arrivedAt: performance.now(),
      clientClosed: false,
    };
    requests.push(record);
    const ex = new Exchange(res, record, (delta) => (pendingTimers += delta));
    exchanges.add(ex);
    res.on('close', () => exchanges.delete(ex));

    void readJson(req).then((body) => {
      record.body = body;
      const route = ROUTES[(req.url ?? '').split('?')[0]];
      if (req.method !== 'POST' || !route) {
        ex.writeHead(404, { 'content-type': 'application/json' });
        return ex.end(JSON.stringify({ error: { message: `no route for ${req.method} ${req.url}` } }));
      }
      const protocol = route();
      const request = protocol.parse(body, req.headers);
      const attempt = (attempts.get(request.model) ?? 0) + 1;
      attempts.set(request.model, attempt);
      let behaviour = behaviours.get(request.model) ?? {};
      let fault = faultFor(behaviour, attempt);
      if (behaviour.rateLimit) {
        const window = windows.get(request.model) ?? new RateLimitWindow(behaviour.rateLimit);
        windows.set(request.model, window);
        const verdict = window.admit();
        behaviour = { ...behaviour, headers: { ...behaviour.headers, ...verdict.headers } };
        if (verdict.exceeded) fault = { kind: 'status', status: 429, retryAfterMs: String(verdict.retryAfterMs) };
      }
      Object.assign(record, { protocol: request.protocol, model: request.model, stream: request.stream, attempt, fault: fault?.kind });
      return playScript(ex, protocol, request, behaviour, fault);
    }).catch(() => ex.destroy()); // the client went away mid-body, or a script threw: nothing left to answer
  });
  server.on('connection', (socket) => {
    connectionsOpened++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get connectionsOpened() {
      return connectionsOpened;
    },
    setScript(modelName, behaviour) {
      behaviours.set(modelName, behaviour);
      attempts.delete(modelName);
      windows.delete(modelName);
    },
    openConnections: () => sockets.size,
    pendingTimers: () => pendingTimers,
    async close() {
      for (const ex of exchanges) ex.clearTimers();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8'));
  } catch {
    return undefined;
  }
}
