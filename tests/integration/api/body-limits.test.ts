import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CouncilEvent } from '@/lib/council/events';
import { serveRoute } from '@/tests/support/route-over-http';
import { fastSimModel, loadRoutes } from './route-harness';

vi.mock('server-only', () => ({}));

const CONFIG = {
  models: [fastSimModel('sim-a'), fastSimModel('sim-b')],
  tiers: [{ id: 'fast', label: 'Fast', council: ['sim-a', 'sim-b'], chairman: 'sim-a' }],
  defaultTier: 'fast',
};

let stop: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of stop.reverse()) await step();
  stop = [];
});

async function serveCouncil() {
  const routes = await loadRoutes(CONFIG);
  const served = await serveRoute((request) => routes.council.POST(request));
  stop.push(routes.cleanup, served.close);
  return served;
}

/** Sends a POST whose body is written by `write`; resolves with the status and body once the server answers. */
function post(
  url: string,
  headers: Record<string, string>,
  write: (req: import('node:http').ClientRequest) => void,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/api/council`, { method: 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        // An SSE stream never ends by itself here: the first event is enough.
        if (res.statusCode === 200 && body.includes('run.completed')) req.destroy();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('close', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', (error) => (error.message.includes('socket hang up') ? undefined : reject(error)));
    write(req);
  });
}

describe('request bodies over real HTTP', () => {
  it('refuses a body that declares more than 64 KB with 413 before reading it', async () => {
    const { url } = await serveCouncil();
    const size = 64 * 1024 + 1;
    // Only the headers are sent: the answer must come without the body ever arriving.
    const answer = await post(url, { 'content-type': 'application/json', 'content-length': String(size) }, (req) =>
      req.flushHeaders(),
    );
    expect(answer.status).toBe(413);
    expect(typeof JSON.parse(answer.body).error).toBe('string');
  });

  it('refuses a chunked upload with 413 as soon as it passes 64 KB, while the client is still sending', async () => {
    const { url } = await serveCouncil();
    let timer: NodeJS.Timeout | undefined;
    const answer = await post(url, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, (req) => {
      // 66 KB at once, then a trickle that would go on for a minute: the 413 must not wait for its end.
      req.write(`{"question":"${'x'.repeat(66 * 1024)}`);
      let sent = 0;
      timer = setInterval(() => (sent++ < 600 ? req.write('x') : clearInterval(timer)), 100);
      req.on('close', () => clearInterval(timer));
    });
    clearInterval(timer);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error).toMatch(/64 KB/);
  });

  it('accepts a chunked body under the limit', async () => {
    const { url } = await serveCouncil();
    const answer = await post(url, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, (req) => {
      req.write('{"question":');
      req.end('"What is 2 + 2?"}');
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('run.completed');
  });

  it('stores a question with NUL and a lone surrogate as well-formed text', async () => {
    const { url } = await serveCouncil();
    // JSON escapes reach the server as NUL and an unpaired high surrogate after parsing.
    const raw = '{"question":"a\\u0000b \\ud800 c"}';
    const answer = await post(url, { 'content-type': 'application/json' }, (req) => req.end(raw));
    expect(answer.status).toBe(200);
    const started = answer.body
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)) as CouncilEvent)
      .find((event) => event.type === 'run.started');
    expect(started && 'question' in started ? started.question : undefined).toBe('ab \uFFFD c');
  });
});
