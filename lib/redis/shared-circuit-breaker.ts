/**
 * A model's circuit breaker shared by every instance through Redis (DESIGN.md §7): one hash per model holds
 * the consecutive failures, a tumbling window's calls and failures, the time the circuit stays open until, and
 * the half-open probe's slot, all changed by Lua scripts on Redis's own clock. So a circuit opened by any
 * instance refuses calls in all of them at their next call, and after the cooldown exactly one probe runs
 * across all. Redis unreachable: the in-process breaker decides alone until Redis answers again.
 */
import { ModelCallError } from '@/lib/council/model-call-error';
import {
  CircuitBreaker,
  DEFAULT_CIRCUIT_BREAKER_OPTIONS,
  type CircuitBreakerOptions,
  type CircuitGate,
  type CircuitTicket,
} from '@/lib/providers/resilience';
import type { RedisConnection } from './redis-connection';
import { LUA_NOW_MS, runScript } from './run-script';

/** Reasons that say nothing about the model's health (as in the in-process breaker). */
const NEUTRAL_REASONS = new Set<string>(['cancelled', 'overloaded', 'circuit_open']);
/** How long a probe's slot is held if its instance dies before reporting. */
const PROBE_SLOT_MS = 60_000;

// Returns {verdict, waitMs}: 0 admitted, 1 admitted as the probe, -1 refused.
const ADMIT = `${LUA_NOW_MS}
local openUntil = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
if openUntil == 0 then return {0, 0} end
if now < openUntil then return {-1, openUntil - now} end
local probe = tonumber(redis.call('HGET', KEYS[1], 'probe') or '0')
if probe > now then return {-1, 0} end
redis.call('HSET', KEYS[1], 'probe', now + tonumber(ARGV[1]))
return {1, 0}`;

// ARGV: outcome (success|failure|none), probe (1|0), failureThreshold, failureRatio, minimumCalls, windowMs,
// cooldownMs, keyTtlMs. Returns 1 when the circuit is open after this outcome.
const REPORT = `${LUA_NOW_MS}
local key = KEYS[1]
local outcome, probe = ARGV[1], ARGV[2] == '1'
local threshold, ratio, minCalls = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local windowMs, cooldown, ttl = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
if probe then redis.call('HDEL', key, 'probe') end
local openUntil = tonumber(redis.call('HGET', key, 'until') or '0')
if outcome == 'success' then
  if openUntil > 0 then redis.call('DEL', key) return 0 end
  redis.call('HSET', key, 'fails', 0)
elseif outcome == 'failure' then
  if probe then
    redis.call('HSET', key, 'until', now + cooldown)
    redis.call('PEXPIRE', key, ttl)
    return 1
  end
  if openUntil > 0 then return 1 end
  redis.call('HINCRBY', key, 'fails', 1)
else
  return openUntil > 0 and 1 or 0
end
local wstart = tonumber(redis.call('HGET', key, 'wstart') or '0')
if now - wstart > windowMs then redis.call('HSET', key, 'wstart', now, 'calls', 0, 'failed', 0) end
local calls = redis.call('HINCRBY', key, 'calls', 1)
local failed = tonumber(redis.call('HGET', key, 'failed') or '0')
if outcome == 'failure' then failed = redis.call('HINCRBY', key, 'failed', 1) end
local fails = tonumber(redis.call('HGET', key, 'fails') or '0')
if fails >= threshold or (calls >= minCalls and failed / calls >= ratio) then
  redis.call('HSET', key, 'until', now + cooldown, 'fails', 0, 'calls', 0, 'failed', 0, 'wstart', now)
  redis.call('PEXPIRE', key, ttl)
  return 1
end
redis.call('PEXPIRE', key, ttl)
return 0`;

export interface SharedCircuitBreakerOptions extends Partial<CircuitBreakerOptions> {
  /** The model id, in keys and messages. */
  name: string;
  /** Key prefix; default `quorum:breaker:`. */
  prefix?: string;
}

export class SharedCircuitBreaker implements CircuitGate {
  private readonly options: CircuitBreakerOptions;
  private readonly key: string;
  private readonly name: string;

  constructor(
    private readonly redis: RedisConnection,
    private readonly local: CircuitBreaker,
    options: SharedCircuitBreakerOptions,
  ) {
    const { name, prefix, ...rest } = options;
    const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    this.options = { ...DEFAULT_CIRCUIT_BREAKER_OPTIONS, ...defined };
    this.name = name;
    this.key = `${prefix ?? 'quorum:breaker:'}${name}`;
  }

  async admit(): Promise<CircuitTicket> {
    let verdict: number;
    let waitMs: number;
    try {
      [verdict, waitMs] = (await runScript(this.redis, ADMIT, [this.key], [PROBE_SLOT_MS])) as [number, number];
    } catch {
      return this.local.admit();
    }
    if (verdict < 0) {
      throw new ModelCallError({
        reason: 'circuit_open',
        message: `The circuit for ${this.name} is open after repeated failures.`,
        retryAfterMs: Math.max(0, Number(waitMs)),
      });
    }
    return this.ticket(verdict === 1);
  }

  private ticket(probe: boolean): CircuitTicket {
    let settled = false;
    const report = (outcome: 'success' | 'failure' | 'none') => {
      if (settled) return;
      settled = true;
      const o = this.options;
      const ttl = o.cooldownMs + o.windowMs + 10 * 60_000;
      // Reported in the background: the outcome must not delay the caller. A lost report only costs accuracy.
      runScript(this.redis, REPORT, [this.key], [
        outcome, probe ? 1 : 0, o.failureThreshold, o.failureRatio, o.minimumCalls, o.windowMs, o.cooldownMs, ttl,
      ]).catch(() => undefined);
    };
    return {
      succeed: () => report('success'),
      fail: (error) => report(NEUTRAL_REASONS.has(error.reason) ? 'none' : 'failure'),
      release: () => report('none'),
    };
  }
}
