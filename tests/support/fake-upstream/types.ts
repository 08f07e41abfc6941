import type { IncomingHttpHeaders } from 'node:http';

/** A request as the fake upstream understood it, whichever protocol it came in. */
export interface ParsedRequest {
  protocol: 'openai' | 'anthropic';
  model: string;
  stream: boolean;
  /** System prompt first (Anthropic's top-level `system` included), then the turns, as plain text. */
  messages: { role: string; content: string }[];
  maxTokens?: number;
  headers: IncomingHttpHeaders;
}

/** What goes wrong, on purpose. */
export type Fault =
  /** An HTTP error answer (500, 429, 529, 401, …) with optional retry hints. */
  | { kind: 'status'; status: number; retryAfter?: string; retryAfterMs?: string; message?: string | ((request: ParsedRequest) => string) }
  /** Accept the request and never send a byte. */
  | { kind: 'hang' }
  /** Send the headers and `afterTokens` tokens, then go silent without ending. */
  | { kind: 'stall'; afterTokens: number }
  /** Send `afterTokens` tokens, then destroy the socket. */
  | { kind: 'disconnect'; afterTokens: number }
  /** Send `afterTokens` tokens, then a chunk whose JSON is cut in half, then end. */
  | { kind: 'malformed'; afterTokens: number }
  /** A normal, successful answer with no text at all. */
  | { kind: 'empty' };

/** A fixed window of requests for one model, with the vendor's rate-limit headers on every answer. */
export interface RateLimitScript {
  requests: number;
  windowMs: number;
  style: 'openai' | 'anthropic';
}

/** How one upstream model name behaves. Latencies are real milliseconds: keep them small in tests. */
export interface Behaviour {
  /** From the headers to the first token (or, for a JSON answer, added to the generation time); may depend on the request (e.g. its stage). */
  firstTokenMs?: number | ((request: ParsedRequest) => number);
  /** Pace of tokens after the first; omitted means all at once. May depend on the request. */
  tokensPerSecond?: number | ((request: ParsedRequest) => number | undefined);
  /** The answer; a token is a word with its trailing whitespace. */
  content?: string | ((request: ParsedRequest) => string);
  /** Added to every response for this model, success or error (e.g. rate-limit headers). */
  headers?: Record<string, string>;
  /** OpenRouter-style provider-reported cost, sent as `usage.cost` in the last OpenAI chunk. */
  cost?: number;
  /** Count requests in a window, send the remaining/reset headers, and answer 429 (retry-after-ms) past the limit. */
  rateLimit?: RateLimitScript;
  fault?: Fault;
  /** Stream the whole content whatever max_tokens the request asked for, as a misbehaving server does. */
  ignoreMaxTokens?: boolean;
  /** The fault applies to the first K attempts only, so that a retry can succeed. Default: every attempt. */
  faultAttempts?: number;
}

/** Behaviour per upstream model name (what the adapter sends as `model`). */
export type FakeUpstreamScript = Record<string, Behaviour>;

/** Every request the fake upstream saw. Times are `performance.now()` of this process. */
export interface RecordedRequest {
  id: number;
  path: string;
  protocol: 'openai' | 'anthropic' | 'unknown';
  model: string;
  /** 1 for the first request naming this model since its script was last set. */
  attempt: number;
  stream: boolean;
  body: unknown;
  headers: IncomingHttpHeaders;
  arrivedAt: number;
  /** When the response finished or the connection closed, whichever came first. */
  endedAt?: number;
  status?: number;
  /** The fault applied to this request, if any. */
  fault?: Fault['kind'];
  /** The client went away before the response was complete (an abort, from the server's side). */
  clientClosed: boolean;
  clientClosedAt?: number;
}

export interface FakeUpstream {
  /** `http://127.0.0.1:<port>`: append `/v1`, `/api/v1` (OpenRouter style) or nothing (Anthropic SDK). */
  url: string;
  setScript(modelName: string, behaviour: Behaviour): void;
  requests: RecordedRequest[];
  /** TCP connections accepted so far: with keep-alive this stays far below `requests.length`. */
  readonly connectionsOpened: number;
  openConnections(): number;
  /** Timers the fake itself still holds (token pacing, first-token waits): 0 once every response is over. */
  pendingTimers(): number;
  close(): Promise<void>;
}
