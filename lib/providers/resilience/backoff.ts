import type { RetryPolicy } from './retry-policy';

/**
 * The ceiling of the back-off before attempt `attempt + 1`, after attempt `attempt` (1-based) failed:
 * min(cap, base × factor^(attempt−1)).
 */
export function backoffCeiling(attempt: number, policy: Pick<RetryPolicy, 'baseMs' | 'factor' | 'capMs'>): number {
  const grown = policy.baseMs * policy.factor ** Math.max(0, attempt - 1);
  return Math.max(0, Math.min(policy.capMs, Number.isFinite(grown) ? grown : policy.capMs));
}

/**
 * Full jitter (AWS's "Exponential Backoff And Jitter"): a uniform draw in [0, ceiling), so that many
 * clients failing together do not come back together.
 */
export function backoffDelay(
  attempt: number,
  policy: Pick<RetryPolicy, 'baseMs' | 'factor' | 'capMs'>,
  random: () => number,
): number {
  return Math.floor(random() * backoffCeiling(attempt, policy));
}

/**
 * The wait before the next attempt. A server's retry-after wins over our guess, even above the cap:
 * coming back sooner would only earn another refusal. Taking the larger of the two keeps the jitter
 * when the server asks for little or nothing (retry-after: 0). The deadline is not checked here: the
 * caller gives up when the wait would pass it, rather than sleeping less than the server asked.
 */
export function retryDelay(
  attempt: number,
  policy: Pick<RetryPolicy, 'baseMs' | 'factor' | 'capMs'>,
  random: () => number,
  retryAfterMs?: number,
): number {
  const jittered = backoffDelay(attempt, policy, random);
  if (retryAfterMs === undefined || !Number.isFinite(retryAfterMs)) return jittered;
  return Math.max(Math.ceil(retryAfterMs), jittered);
}
