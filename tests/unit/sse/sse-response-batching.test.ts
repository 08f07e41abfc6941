import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createParser } from 'eventsource-parser';
import type { CouncilEvent } from '@/lib/council/events';
import { pushIterator } from '@/lib/runs/push-iterator';
import { sseResponse } from '@/lib/sse/sse-response';

function delta(seq: number): CouncilEvent {
  return { runId: 'run-1', seq, t: seq, type: 'member.delta', stage: 1, model: 'm', text: `token ${seq}` };
}

async function readChunks(response: Response): Promise<string[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const chunks: string[] = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return chunks;
    chunks.push(decoder.decode(value));
  }
}

function seqsOf(text: string): number[] {
  const seqs: number[] = [];
  const parser = createParser({ onEvent: (message) => seqs.push((JSON.parse(message.data) as CouncilEvent).seq) });
  parser.feed(text);
  return seqs;
}

describe('sseResponse over a run follower', () => {
  it('sends the events that piled up behind the first one in the same chunk', async () => {
    const follower = pushIterator<CouncilEvent>(() => undefined);
    for (let seq = 1; seq <= 5; seq++) follower.push(delta(seq));
    follower.end();
    const chunks = await readChunks(sseResponse(follower));
    expect(chunks).toHaveLength(1);
    expect(seqsOf(chunks[0])).toEqual([1, 2, 3, 4, 5]);
  });

  it('lets the events of the same event-loop turn join the first one, after it was read', async () => {
    const follower = pushIterator<CouncilEvent>(() => undefined);
    const reading = readChunks(sseResponse(follower));
    await new Promise((resolve) => setTimeout(resolve, 5)); // the response is waiting for its first event
    follower.push(delta(1));
    queueMicrotask(() => follower.push(delta(2)));
    process.nextTick(() => follower.push(delta(3)));
    await new Promise((resolve) => setTimeout(resolve, 5));
    follower.end();
    expect((await reading).map(seqsOf)).toEqual([[1, 2, 3]]);
  });

  it('sends one chunk per event when each arrives on its own', async () => {
    const follower = pushIterator<CouncilEvent>(() => undefined);
    const response = sseResponse(follower);
    const reading = readChunks(response);
    for (let seq = 1; seq <= 3; seq++) {
      follower.push(delta(seq));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    follower.end();
    const chunks = await reading;
    expect(chunks.map(seqsOf)).toEqual([[1], [2], [3]]);
  });

  it('loses, repeats and reorders nothing, however the pushes and reads interleave', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 30 }), async (bursts) => {
        const follower = pushIterator<CouncilEvent>(() => undefined);
        const reading = readChunks(sseResponse(follower));
        let seq = 0;
        for (const burst of bursts) {
          for (let i = 0; i < burst; i++) follower.push(delta(++seq));
          await new Promise((resolve) => setImmediate(resolve));
        }
        follower.end();
        const all = (await reading).flatMap(seqsOf);
        expect(all).toEqual(Array.from({ length: seq }, (_, i) => i + 1));
      }),
      { numRuns: 50 },
    );
  });
});
