import type { CouncilEvent } from '@/lib/council/events';

/** An SSE comment line: ignored by parsers, keeps proxies and idle timeouts from closing a quiet stream. */
export const SSE_HEARTBEAT = ': ping\n\n';

/**
 * One SSE message: `event: <type>` and the whole event as JSON on one `data:` line. JSON.stringify never
 * emits a raw CR or LF, so the payload cannot break the framing; the event name is checked for the same reason.
 */
export function encodeSseMessage(eventName: string, data: unknown, id?: number): string {
  if (/[\r\n]/.test(eventName)) throw new Error('An SSE event name must not contain CR or LF.');
  // A whole number only, so the id line cannot carry anything else; EventSource sends it back as Last-Event-ID.
  const idLine = id !== undefined && Number.isSafeInteger(id) && id >= 0 ? `id: ${id}\n` : '';
  return `event: ${eventName}\n${idLine}data: ${JSON.stringify(data)}\n\n`;
}

/**
 * Encodes a council event exactly as DESIGN.md §4 says: `event: <type>`, `id: <seq>`, `data: <json>`. The id
 * lets a client resume after a dropped connection (GET /api/runs/:id/events with Last-Event-ID).
 */
export function encodeSseEvent(event: CouncilEvent): string {
  return encodeSseMessage(event.type, event, event.seq);
}
