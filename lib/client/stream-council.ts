/**
 * The browser side of the council stream: POST /api/council, read the body as SSE with eventsource-parser
 * (the request is a POST, so EventSource cannot be used) and yield CouncilEvents as they arrive.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { CouncilEvent } from '@/lib/council/events';
import { isTerminalEvent } from '@/lib/council/events';
import { CouncilStreamError, errorFromResponse } from './council-stream-error';

/** The body of POST /api/council. */
export interface CouncilRequestBody {
  question: string;
  tier?: string;
  conversationId?: string;
  /** A custom council (see README, HTTP API): members, chairman and mode on top of the tier's rules. */
  council?: string[];
  chairman?: string;
  mode?: 'answers' | 'ranked' | 'full';
}

export interface StreamCouncilOptions {
  /** Abort to stop the run (Stop): the request is cancelled and iteration ends quietly. */
  signal?: AbortSignal;
  fetch?: typeof fetch;
  endpoint?: string;
}

/** Starts a run and yields its events; throws CouncilStreamError when refused or cut off. */
export async function* streamCouncil(
  body: CouncilRequestBody,
  options: StreamCouncilOptions = {},
): AsyncGenerator<CouncilEvent, void, undefined> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(options.endpoint ?? '/api/council', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify(body),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) return;
    throw new CouncilStreamError('broken', 'Could not reach the server. Check the connection and retry.', { cause: error });
  }
  if (!response.ok) throw await errorFromResponse(response);
  if (!response.body) throw new CouncilStreamError('protocol', 'The server sent an empty response.');
  yield* readCouncilEvents(response.body, options.signal);
}

/**
 * Parses an SSE byte stream into CouncilEvents, up to and including the terminal event. Ends quietly when
 * `signal` aborts; throws CouncilStreamError('broken') when the stream ends or fails before its terminal event.
 */
export async function* readCouncilEvents(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<CouncilEvent, void, undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const pending: CouncilEvent[] = [];
  let malformed: CouncilStreamError | null = null;
  const parser = createParser({
    onEvent(message) {
      const event = toCouncilEvent(message);
      if (event === 'invalid') malformed ??= new CouncilStreamError('protocol', 'The server sent an event that could not be read.');
      else if (event) pending.push(event);
    },
  });
  const onAbort = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      if (signal?.aborted) return;
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (signal?.aborted) return;
        throw new CouncilStreamError('broken', 'The connection to the council broke before the run finished.', { cause: error });
      }
      if (chunk.done) break;
      parser.feed(decoder.decode(chunk.value, { stream: true }));
      if (malformed) throw malformed;
      while (pending.length > 0) {
        const event = pending.shift() as CouncilEvent;
        yield event;
        if (isTerminalEvent(event)) return;
      }
    }
    if (signal?.aborted) return;
    throw new CouncilStreamError('broken', 'The connection to the council closed before the run finished.');
  } finally {
    signal?.removeEventListener('abort', onAbort);
    reader.cancel().catch(() => undefined);
  }
}

/** null for messages that are not council events (unnamed); 'invalid' for data that is not an event object. */
function toCouncilEvent(message: EventSourceMessage): CouncilEvent | null | 'invalid' {
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch {
    return 'invalid';
  }
  if (typeof data !== 'object' || data === null) return 'invalid';
  const type = message.event ?? (data as { type?: unknown }).type;
  if (typeof type !== 'string') return null;
  const event = { ...data, type } as CouncilEvent;
  if (typeof event.seq !== 'number' || typeof event.t !== 'number' || typeof event.runId !== 'string') return 'invalid';
  return event;
}
