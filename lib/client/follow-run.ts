/**
 * The browser's side of the run routes (DESIGN.md §7): follow a run from a seq (GET /api/runs/:id/events with
 * Last-Event-ID) and ask the server to cancel it (POST /api/runs/:id/cancel, the Stop button).
 */
import type { CouncilEvent } from '@/lib/council/events';
import { CouncilStreamError, errorFromResponse } from './council-stream-error';
import { readCouncilEvents } from './stream-council';

export interface FollowOptions {
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

/** The run's events after `afterSeq`, then live ones up to its terminal event. */
export async function* followRunEvents(runId: string, afterSeq: number, options: FollowOptions = {}): AsyncGenerator<CouncilEvent, void, undefined> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(`/api/runs/${encodeURIComponent(runId)}/events`, {
      headers: { accept: 'text/event-stream', 'last-event-id': String(afterSeq) },
      cache: 'no-store',
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) return;
    throw new CouncilStreamError('broken', 'Could not reach the server. Check the connection.', { cause: error });
  }
  if (!response.ok) throw await errorFromResponse(response);
  if (!response.body) throw new CouncilStreamError('protocol', 'The server sent an empty response.');
  yield* readCouncilEvents(response.body, options.signal);
}

/** Asks the server to cancel the run; false when it could not be asked (then the caller stops locally). */
export async function requestCancel(runId: string, options: { fetch?: typeof fetch } = {}): Promise<boolean> {
  const doFetch = options.fetch ?? fetch;
  try {
    const response = await doFetch(`/api/runs/${encodeURIComponent(runId)}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    return response.ok;
  } catch {
    return false;
  }
}
