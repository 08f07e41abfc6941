import { badRequest } from '@/lib/http/json-response';

/** Run ids are UUIDs (the service makes them with randomUUID). Fixed-length pattern: linear time on any input. */
const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEQ = /^\d{1,9}$/;

/** The run id from the path, or the 400 for a malformed one. */
export function parseRunId(id: string): { ok: true; runId: string } | { ok: false; response: Response } {
  if (RUN_ID.test(id)) return { ok: true, runId: id.toLowerCase() };
  return { ok: false, response: badRequest('The run id is malformed.', [{ path: 'id', message: 'must be a UUID' }]) };
}

/**
 * Where a follower resumes: the seq of the last event it has, from `Last-Event-ID` (what EventSource sends by
 * itself when it reconnects) or `?after=`; 0 (the whole run) when neither is given.
 */
export function parseAfterSeq(request: Request): { ok: true; afterSeq: number } | { ok: false; response: Response } {
  const header = request.headers.get('last-event-id');
  const query = new URL(request.url).searchParams.get('after');
  const [raw, path] = header !== null && header.trim() !== '' ? [header.trim(), 'Last-Event-ID'] : [query, 'after'];
  if (raw === null || raw === '') return { ok: true, afterSeq: 0 };
  if (SEQ.test(raw)) return { ok: true, afterSeq: Number(raw) };
  return { ok: false, response: badRequest('The resume position is malformed.', [{ path, message: 'must be a whole number (an event seq)' }]) };
}
