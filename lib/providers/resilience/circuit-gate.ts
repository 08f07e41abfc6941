import type { CircuitTicket } from './circuit-breaker';

/**
 * What the resilience layer asks of a model's circuit breaker: admit a call (or throw ModelCallError
 * 'circuit_open') and hand back the ticket for its outcome. The in-process CircuitBreaker answers at once; the
 * Redis-shared one (lib/redis/shared-circuit-breaker.ts) asks Redis, so that a circuit opened by any instance
 * is open in all of them and only one half-open probe runs across all.
 */
export interface CircuitGate {
  admit(): CircuitTicket | Promise<CircuitTicket>;
}
