/** How often and how patiently a failed model call is tried again. */
export interface RetryPolicy {
  /** Attempts in all, the first included (1 = never retry). */
  maxAttempts: number;
  /** Ceiling of the first back-off, in ms. */
  baseMs: number;
  /** Growth of the ceiling per attempt. */
  factor: number;
  /** Upper bound of the ceiling, in ms (a server's retry-after may go above it; see backoff.ts). */
  capMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseMs: 250,
  factor: 2,
  capMs: 4_000,
};
