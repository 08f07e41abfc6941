import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { CouncilEvent } from '@/lib/council/events';
import { encodeSseEvent, encodeSseMessage, SSE_HEARTBEAT } from '@/lib/sse/encode-sse-event';

/** Any text a model might produce, including CR, LF, U+2028 and lone surrogates. */
const text = fc.string({ unit: 'binary', maxLength: 200 });
const base = { runId: fc.string({ maxLength: 40 }), seq: fc.nat(), t: fc.nat() };

const councilEvent: fc.Arbitrary<CouncilEvent> = fc.oneof(
  fc.record({ ...base, type: fc.constant('member.delta' as const), stage: fc.constantFrom(1, 2, 3), model: text, text }),
  fc.record({ ...base, type: fc.constant('warning' as const), code: fc.constant('stage_slow' as const), message: text }),
  fc.record({ ...base, type: fc.constant('run.cancelled' as const), reason: text, message: text }),
  fc.record({
    ...base,
    type: fc.constant('run.completed' as const),
    text,
    chairman: fc.option(text, { nil: null }),
    degraded: fc.boolean(),
    totals: fc.record({
      durationMs: fc.nat(),
      stages: fc.constant([]),
      tokens: fc.record({ input: fc.nat(), output: fc.nat() }),
      costUsd: fc.double({ min: 0, max: 10, noNaN: true }),
    }),
  }),
) as fc.Arbitrary<CouncilEvent>;

function parseAll(chunks: string[]): { messages: EventSourceMessage[]; comments: string[] } {
  const messages: EventSourceMessage[] = [];
  const comments: string[] = [];
  const parser = createParser({ onEvent: (m) => messages.push(m), onComment: (c) => comments.push(c) });
  for (const chunk of chunks) parser.feed(chunk);
  return { messages, comments };
}

/** Splits a string at the given cut points, as a network would. */
function split(whole: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((a, b) => a - b);
  const parts: string[] = [];
  let from = 0;
  for (const at of points) {
    parts.push(whole.slice(from, at));
    from = at;
  }
  parts.push(whole.slice(from));
  return parts;
}

describe('encodeSseEvent', () => {
  it('writes the event type as the SSE event name and the event as one data line', () => {
    const event: CouncilEvent = { runId: 'r', seq: 1, t: 0, type: 'stage.started', stage: 1, models: ['a'] };
    expect(encodeSseEvent(event)).toBe(`event: stage.started\nid: 1\ndata: ${JSON.stringify(event)}\n\n`);
  });

  it('round-trips any sequence of events through eventsource-parser, however the bytes are split', () => {
    fc.assert(
      fc.property(fc.array(councilEvent, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 6 }), (events, cuts) => {
        const wire = events.map(encodeSseEvent).join(SSE_HEARTBEAT);
        const { messages } = parseAll(split(wire, cuts));
        expect(messages.map((m) => m.event)).toEqual(events.map((e) => e.type));
        // The seq is the SSE id, so a client resumes with Last-Event-ID by itself.
        expect(messages.map((m) => m.id)).toEqual(events.map((e) => String(e.seq)));
        expect(messages.map((m) => JSON.parse(m.data))).toEqual(JSON.parse(JSON.stringify(events)));
      }),
      { numRuns: 300 },
    );
  });

  it('rejects an event name containing CR or LF, which would forge extra SSE fields', () => {
    expect(() => encodeSseMessage('run.completed\ndata: forged', {})).toThrow(/CR or LF/);
    expect(() => encodeSseMessage('x\ry', {})).toThrow(/CR or LF/);
  });

  it('sends the heartbeat as a comment that parsers report but never turn into an event', () => {
    const { messages, comments } = parseAll([SSE_HEARTBEAT, SSE_HEARTBEAT]);
    expect(messages).toEqual([]);
    expect(comments.map((c) => c.trim())).toEqual(['ping', 'ping']);
  });
});
