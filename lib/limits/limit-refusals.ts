import type { Refusal } from '@/lib/server/refusal';
import { nextUtcDayStart, nextUtcMonthStart, secondsUntil } from './utc-periods';

/** How long a refused run should wait for a slot: runs end at unknown times, so a short, polite retry. */
const SLOT_RETRY_SECONDS = 5;
/** How long to wait while the limits store (Redis) is unreachable: its client reconnects within seconds. */
const UNAVAILABLE_RETRY_SECONDS = 5;

export function rateLimited(rpm: number, msBeforeNext: number): Refusal {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return {
    status: 429,
    code: 'rate_limited',
    message: `This key may start ${rpm} run${rpm === 1 ? '' : 's'} per minute; try again in ${seconds} s.`,
    retryAfterSeconds: seconds,
  };
}

export function tooManyRuns(concurrent: number): Refusal {
  return {
    status: 429,
    code: 'too_many_runs',
    message: `This key already has ${concurrent} run${concurrent === 1 ? '' : 's'} in flight, its limit; try again when one has finished.`,
    retryAfterSeconds: SLOT_RETRY_SECONDS,
  };
}

export function budgetExhausted(period: 'day' | 'month', limitUsd: number, worstCaseUsd: number, nowMs: number): Refusal {
  const renewsAt = period === 'day' ? nextUtcDayStart(nowMs) : nextUtcMonthStart(nowMs);
  const budget = `${period === 'day' ? 'daily' : 'monthly'} budget of ${formatUsd(limitUsd)}`;
  const why =
    worstCaseUsd > limitUsd
      ? `This run may cost up to ${formatUsd(worstCaseUsd)}, more than this key's whole ${budget}; choose a cheaper tier.`
      : `This key's ${budget} is spent or held by runs in flight (this run may cost up to ${formatUsd(worstCaseUsd)}).`;
  return {
    status: 429,
    code: 'budget_exhausted',
    message: `${why} It renews at ${new Date(renewsAt).toISOString().replace('.000Z', 'Z')}.`,
    retryAfterSeconds: secondsUntil(nowMs, renewsAt),
  };
}

export function limitsUnavailable(): Refusal {
  return {
    status: 503,
    code: 'limits_unavailable',
    message: 'The limits of this key cannot be checked right now (their store is unreachable); try again shortly.',
    retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS,
  };
}

export function formatUsd(usd: number): string {
  return `$${usd < 0.01 && usd > 0 ? usd.toFixed(4) : usd.toFixed(2)}`;
}
