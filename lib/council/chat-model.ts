/**
 * The one interface between the council engine and any model vendor.
 * Vendor differences (wire formats, headers, retries) end inside the adapter that implements it.
 */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  messages: ChatMessage[];
  maxTokens: number;
  /** Time left before the member's deadline, in ms: retries and back-off never sleep past it. */
  timeBudgetMs: number;
  /** Cut a call whose first token has not arrived after this long. */
  firstTokenTimeoutMs: number;
  /** Cut a stream that goes quiet between two chunks for this long. */
  idleTimeoutMs: number;
  temperature?: number;
}

export interface TokenUsage {
  input: number;
  output: number;
}

/** What a model stream yields: text as it arrives, a notice that a failed attempt is being retried, and one finish. */
export type ChatChunk =
  | { type: 'delta'; text: string }
  /** The attempt failed after partial output or before any; everything streamed so far must be discarded. */
  | { type: 'retrying'; attempt: number; delayMs: number; reason: string }
  | { type: 'finish'; usage: TokenUsage; costUsd?: number; finishReason: string }
  /** The call waits for an in-flight slot or the rate limiter (`waiting`), then is let through (`admitted`). */
  | { type: 'queue'; state: 'waiting' | 'admitted' };

export interface ChatModel {
  /** The configured model id (not the vendor's name for it). */
  readonly id: string;
  /**
   * Streams one completion. Aborting `signal` must end the upstream call at once and make the
   * iterator throw a ModelCallError with reason `cancelled` (or end it quietly).
   * Failures are thrown as ModelCallError.
   */
  stream(request: ChatRequest, signal: AbortSignal): AsyncIterable<ChatChunk>;
}
