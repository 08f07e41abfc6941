import type { CouncilEvent } from '@/lib/council/events';

/** An SSE comment line: ignored by parsers, keeps proxies and idle timeouts from closing a quiet stream. */
export const SSE_HEARTBEAT = ': ping\n\n';

/**
 * One SSE message: `event: <type>` and the whole event as JSON on one `data:` line. JSON.stringify never
 * emits a raw CR or LF, so the payload cannot break the framing; the event name is checked for the same reason.
 */
export function encodeSseMessage(eventName: string, data: unknown): string {
  if (/[\r\n]/.test(eventName)) throw new Error('An SSE event name must not contain CR or LF.');
  return `event: ${eventName}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Encodes a council event exactly as DESIGN.md §4 says: `event: <type>`, `data: <json>`. */
export function encodeSseEvent(event: CouncilEvent): string {
  return encodeSseMessage(event.type, event);
}
