import type { RateLimitScript } from './types';

/** What the rate-limit window says about one request: headers to send, and whether to refuse it. */
export interface RateLimitVerdict {
  headers: Record<string, string>;
  /** Over the limit: answer 429 with retry-after-ms until the window resets. */
  exceeded: boolean;
  retryAfterMs: number;
}

/**
 * A fixed window of `requests` per `windowMs` for one model, reported the way each vendor does:
 * OpenAI's `x-ratelimit-*` with durations like "12ms" / "1s" / "6m0s", Anthropic's
 * `anthropic-ratelimit-*` with an ISO reset time.
 */
export class RateLimitWindow {
  private windowStart = -Infinity;
  private used = 0;

  constructor(private readonly script: RateLimitScript) {}

  admit(now = performance.now(), wallNow = Date.now()): RateLimitVerdict {
    if (now - this.windowStart >= this.script.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    const exceeded = this.used >= this.script.requests;
    if (!exceeded) this.used++;
    const resetMs = Math.max(0, Math.ceil(this.windowStart + this.script.windowMs - now));
    const remaining = this.script.requests - this.used;
    const headers: Record<string, string> =
      this.script.style === 'anthropic'
        ? {
            'anthropic-ratelimit-requests-limit': String(this.script.requests),
            'anthropic-ratelimit-requests-remaining': String(remaining),
            'anthropic-ratelimit-requests-reset': new Date(wallNow + resetMs).toISOString(),
          }
        : {
            'x-ratelimit-limit-requests': String(this.script.requests),
            'x-ratelimit-remaining-requests': String(remaining),
            'x-ratelimit-reset-requests': formatDuration(resetMs),
          };
    return { headers, exceeded, retryAfterMs: resetMs };
  }
}

/** OpenAI's reset format: "12ms", "1s", "1.5s", "6m0s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${Number(seconds.toFixed(3))}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${Number((seconds - minutes * 60).toFixed(3))}s`;
}
