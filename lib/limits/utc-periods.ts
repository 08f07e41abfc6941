/**
 * The budget's periods are UTC calendar days and months (DESIGN.md §5): a run's cost counts against the day and
 * the month in which it was admitted, even when it settles after midnight.
 */

/** `2026-11-30` for any instant of that UTC day. */
export function utcDayOf(nowMs: number): string {
  return new Date(nowMs).toISOString().slice(0, 10);
}

/** `2026-11` for any instant of that UTC month. */
export function utcMonthOf(nowMs: number): string {
  return new Date(nowMs).toISOString().slice(0, 7);
}

/** The first instant of the next UTC day, ms. */
export function nextUtcDayStart(nowMs: number): number {
  const now = new Date(nowMs);
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
}

/** The first instant of the next UTC month, ms. */
export function nextUtcMonthStart(nowMs: number): number {
  const now = new Date(nowMs);
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
}

/** Whole seconds until `untilMs`, at least 1 (a Retry-After of 0 invites a busy loop). */
export function secondsUntil(nowMs: number, untilMs: number): number {
  return Math.max(1, Math.ceil((untilMs - nowMs) / 1000));
}
