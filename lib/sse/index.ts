/** lib/sse: the one owner of SSE encoding on the server. */
export { encodeSseEvent, encodeSseMessage, SSE_HEARTBEAT } from './encode-sse-event';
export { sseResponse, SSE_HEADERS, HEARTBEAT_INTERVAL_MS, type SseResponseOptions } from './sse-response';
