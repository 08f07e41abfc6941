/** How a simulated model behaves, set per model in the config file (`models[].simulation`). */
export interface SimulationOptions {
  /** Overrides the profile's time to first token (ms). */
  firstTokenMs?: number;
  /** Overrides the profile's streaming speed. */
  tokensPerSecond?: number;
  /**
   * Fails every call this way: an HTTP error or network failure before any token, a call that never
   * answers (`timeout`, `hang`: only the caller's deadline or abort ends it), an answer with no text,
   * or (as a judge only) a ranking that repeats a label.
   */
  failure?: 'http_500' | 'http_429' | 'timeout' | 'hang' | 'empty' | 'network' | 'invalid_ranking';
  /** Streams this many tokens, then fails with a network error. */
  failAfterTokens?: number;
  /** Replaces the generated stage-1 answer verbatim (streamed token by token). */
  reply?: string;
}
