import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CouncilEvent } from '@/lib/council/events';
import { readCouncilEvents, streamCouncil } from '@/lib/client/stream-council';
import { CouncilStreamError } from '@/lib/client/council-stream-error';

const started = { type: 'stage.started', runId: 'r1', seq: 1, t: 0, stage: 1, models: ['a'] };
const delta = { type: 'member.delta', runId: 'r1', seq: 2, t: 5, stage: 1, model: 'a', text: 'Hi\nthere' };
const cancelled = { type: 'run.cancelled', runId: 'r1', seq: 3, t: 9, reason: 'user', message: 'Stopped.' };
const sse = (e: { type: string; seq: number }) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;

function streamOf(chunks: string[], opts: { error?: boolean } = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(encoder.encode(chunks[i++]));
      else if (opts.error) controller.error(new TypeError('socket hang up'));
      else controller.close();
    },
  });
}

async function collect(events: AsyncIterable<CouncilEvent>): Promise<CouncilEvent[]> {
  const out: CouncilEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => { s.closeAllConnections(); s.close(r); })));
});

async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/council`;
}

describe('readCouncilEvents', () => {
  it('parses events split across chunks, skips heartbeats and stops at the terminal event', async () => {
    const text = ': ping\n\n' + sse(started) + sse(delta) + sse(cancelled) + sse({ ...delta, seq: 4 });
    const chunks = text.match(/[\s\S]{1,7}/g) ?? [];
    const events = await collect(readCouncilEvents(streamOf(chunks)));
    expect(events).toEqual([started, delta, cancelled]);
  });

  it('throws a clear error when the stream ends before its terminal event', async () => {
    const error = await collect(readCouncilEvents(streamOf([sse(started)]))).catch((e) => e);
    expect(error).toBeInstanceOf(CouncilStreamError);
    expect(error).toMatchObject({ kind: 'broken', message: expect.stringMatching(/closed before the run finished/) });
  });

  it('throws a clear error when the stream fails mid-way, after yielding what came', async () => {
    const seen: CouncilEvent[] = [];
    const error = await (async () => {
      for await (const e of readCouncilEvents(streamOf([sse(started)], { error: true }))) seen.push(e);
    })().catch((e) => e);
    expect(seen).toEqual([started]);
    expect(error).toMatchObject({ kind: 'broken', message: expect.stringMatching(/broke before the run finished/) });
  });

  it('rejects data that is not a council event', async () => {
    const error = await collect(readCouncilEvents(streamOf(['event: x\ndata: {nope\n\n']))).catch((e) => e);
    expect(error).toMatchObject({ kind: 'protocol' });
  });
});

describe('streamCouncil over HTTP', () => {
  it('posts the question and yields the events the server streams', async () => {
    let received = '';
    const url = await serve((req, res) => {
      req.on('data', (c) => (received += c));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(sse(started));
        setTimeout(() => res.end(sse(delta) + sse(cancelled)), 5);
      });
    });
    const events = await collect(streamCouncil({ question: 'Why?', tier: 'speed' }, { endpoint: url }));
    expect(JSON.parse(received)).toEqual({ question: 'Why?', tier: 'speed' });
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('turns a 400 into an error carrying the server message and issues', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'The request body is invalid.', issues: [{ path: 'question', message: 'must not be empty' }] }));
    });
    const error = await collect(streamCouncil({ question: ' ' }, { endpoint: url })).catch((e) => e);
    expect(error).toMatchObject({ kind: 'http', status: 400, message: 'The request body is invalid. (question must not be empty)' });
  });

  it('keeps Retry-After from a 503 and falls back to the status when the body is not JSON', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(503, { 'retry-after': '7', 'content-type': 'text/html' });
      res.end('<h1>busy</h1>');
    });
    const error = await collect(streamCouncil({ question: 'q' }, { endpoint: url })).catch((e) => e);
    expect(error).toMatchObject({ kind: 'http', status: 503, retryAfterSeconds: 7 });
    expect(error.message).toMatch(/503/);
  });

  it('reports an unreachable server as a broken connection', async () => {
    const url = await serve(() => undefined);
    await new Promise((r) => { servers[0].close(r); servers.length = 0; });
    const error = await collect(streamCouncil({ question: 'q' }, { endpoint: url })).catch((e) => e);
    expect(error).toMatchObject({ kind: 'broken', message: expect.stringMatching(/Could not reach the server/) });
  });

  it('ends quietly on abort and closes the connection so the server can cancel the run', async () => {
    let closed!: () => void;
    const serverSawClose = new Promise<void>((r) => (closed = r));
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sse(started));
      res.on('close', () => closed());
    });
    const controller = new AbortController();
    const events: CouncilEvent[] = [];
    for await (const e of streamCouncil({ question: 'q' }, { endpoint: url, signal: controller.signal })) {
      events.push(e);
      controller.abort();
    }
    expect(events).toEqual([started]);
    await serverSawClose;
  });
});
