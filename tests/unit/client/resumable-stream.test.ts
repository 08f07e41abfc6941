import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CouncilEvent } from '@/lib/council/events';
import { CouncilStreamError } from '@/lib/client/council-stream-error';
import { followRunEvents } from '@/lib/client/follow-run';
import { resumableStream } from '@/lib/client/resumable-stream';

const RUN = 'run-1';
const delta = (seq: number): CouncilEvent => ({ type: 'member.delta', runId: RUN, seq, t: seq, stage: 1, model: 'a', text: `${seq}` });
const done = (seq: number): CouncilEvent => ({ type: 'run.cancelled', runId: RUN, seq, t: seq, reason: 'cancelled', message: 'Stopped.' });

/** Yields `events`, then breaks the connection (unless the last one is terminal). */
async function* source(events: CouncilEvent[], breakAtEnd = true): AsyncGenerator<CouncilEvent> {
  yield* events;
  if (breakAtEnd) throw new CouncilStreamError('broken', 'cut');
}

async function collect(events: AsyncIterable<CouncilEvent>): Promise<number[]> {
  const seqs: number[] = [];
  for await (const event of events) seqs.push(event.seq);
  return seqs;
}

const noSleep = async () => undefined;

describe('resumableStream', () => {
  it('follows the run again from the last seq after a break, with no duplicate even when the server repeats', async () => {
    const calls: number[] = [];
    const flags: boolean[] = [];
    const seqs = await collect(
      resumableStream(source([delta(1), delta(2), delta(3)]), {
        sleep: noSleep,
        onReconnecting: (on) => flags.push(on),
        follow: (_runId, afterSeq) => {
          calls.push(afterSeq);
          // The second follow repeats an event it already had (a server replaying from an older seq).
          return calls.length === 1 ? source([delta(afterSeq + 1)]) : source([delta(afterSeq), delta(afterSeq + 1), done(afterSeq + 2)], false);
        },
      }),
    );
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
    expect(calls).toEqual([3, 4]);
    expect(flags).toEqual([true, false, true, false]);
  });

  it('gives up with a clear error after the attempts run out without a new event', async () => {
    let calls = 0;
    const error = await collect(
      resumableStream(source([delta(1)]), {
        sleep: noSleep,
        maxAttempts: 3,
        follow: () => {
          calls += 1;
          return source([]);
        },
      }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'broken', message: expect.stringMatching(/could not be resumed/) });
    expect(calls).toBe(3);
  });

  it('does not retry a refusal (a run that is not found is gone), and reports the break that started it', async () => {
    let calls = 0;
    const error = await collect(
      resumableStream(source([delta(1)]), {
        sleep: noSleep,
        follow: () => {
          calls += 1;
          return {
            [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new CouncilStreamError('http', 'No such run.', { status: 404 })) }),
          };
        },
      }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'broken', message: 'cut' });
    expect(calls).toBe(1);
  });

  it('cannot resume before it knows the run: the first error is passed on', async () => {
    const error = await collect(resumableStream(source([]), { sleep: noSleep, follow: () => source([]) })).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'broken', message: 'cut' });
  });

  it('re-attaches from a stored seq without a first stream (a reopened page)', async () => {
    const seen: number[] = [];
    const seqs = await collect(
      resumableStream(null, { runId: RUN, afterSeq: 7, sleep: noSleep, follow: (_id, after) => (seen.push(after), source([delta(8), done(9)], false)) }),
    );
    expect(seen).toEqual([7]);
    expect(seqs).toEqual([8, 9]);
  });

  it('ends quietly when aborted while waiting to reconnect', async () => {
    const controller = new AbortController();
    const seqs = await collect(
      resumableStream(source([delta(1)]), {
        signal: controller.signal,
        sleep: async () => controller.abort(),
        follow: () => source([delta(2)]),
      }),
    );
    expect(seqs).toEqual([1]);
  });
});

describe('followRunEvents over HTTP', () => {
  let server: http.Server | null = null;
  afterEach(async () => {
    const running = server;
    server = null;
    if (running) await new Promise((resolve) => (running.closeAllConnections(), running.close(resolve)));
  });

  it('sends the last seq as Last-Event-ID and passes on the server’s refusal', async () => {
    const seen: (string | undefined)[] = [];
    server = http.createServer((request, response) => {
      seen.push(request.headers['last-event-id'] as string | undefined);
      if (request.url?.includes('gone')) {
        response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'No such run.' }));
        return;
      }
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(`event: run.cancelled\nid: 5\ndata: ${JSON.stringify(done(5))}\n\n`);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const fetchAt: typeof fetch = (input, init) => fetch(`${base}${String(input)}`, init);
    expect(await collect(followRunEvents(RUN, 4, { fetch: fetchAt }))).toEqual([5]);
    const error = await collect(followRunEvents('gone', 0, { fetch: fetchAt })).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'http', status: 404, message: 'No such run.' });
    expect(seen).toEqual(['4', '0']);
  });
});
