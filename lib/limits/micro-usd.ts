/**
 * Budgets are counted in whole micro-dollars (1e-6 USD): integers add up exactly in JavaScript and in Redis
 * (INCRBY), where sums of floating-point dollars would drift.
 */

/** A reservation rounds up: the worst case is never under-reserved by rounding. */
export function reserveMicroUsd(usd: number): number {
  return Number.isFinite(usd) && usd > 0 ? Math.ceil(usd * 1_000_000 - 1e-6) : 0;
}

/** An actual cost rounds to the nearest micro-dollar (the settlement then caps it at the reservation). */
export function actualMicroUsd(usd: number): number {
  return Number.isFinite(usd) && usd > 0 ? Math.round(usd * 1_000_000) : 0;
}

export function usdOf(micro: number): number {
  return micro / 1_000_000;
}

/** A limit in USD as micro-dollars; a limit rounds down, so that it is never exceeded by rounding. */
export function limitMicroUsd(usd: number): number {
  return Math.floor(usd * 1_000_000 + 1e-6);
}
