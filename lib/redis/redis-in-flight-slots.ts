/**
 * In-flight slots in Redis: one sorted set per key, a member per held slot scored with its expiry on Redis's
 * clock. Held slots are renewed every few seconds, so the slots of an instance that died free themselves within
 * SLOT_TTL_MS instead of leaking; taking and giving back are single atomic scripts.
 */
import { randomUUID } from 'node:crypto';
import type { InFlightSlots } from '@/lib/providers/resilience/in-flight-slots';
import type { RedisConnection } from './redis-connection';
import { LUA_NOW_MS, runScript } from './run-script';

export const SLOT_TTL_MS = 15_000;
const RENEW_EVERY_MS = 5_000;

const ACQUIRE = `${LUA_NOW_MS}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1`;
const RELEASE = `return redis.call('ZREM', KEYS[1], ARGV[1])`;
// ARGV: ttl, then the tokens to renew (only those still held: XX never re-adds a slot that expired).
const RENEW = `${LUA_NOW_MS}
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[1]), ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]))
return 1`;

export class RedisInFlightSlots implements InFlightSlots {
  private readonly held = new Map<string, Set<string>>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix = 'quorum:inflight:',
  ) {}

  async tryAcquire(key: string, max: number): Promise<string | null> {
    const token = randomUUID();
    const granted = await runScript(this.redis, ACQUIRE, [this.prefix + key], [max, SLOT_TTL_MS, token]);
    if (Number(granted) !== 1) return null;
    if (!this.held.has(key)) this.held.set(key, new Set());
    this.held.get(key)!.add(token);
    this.startRenewing();
    return token;
  }

  release(key: string, token: string): void {
    const tokens = this.held.get(key);
    if (!tokens?.delete(token)) return;
    if (tokens.size === 0) this.held.delete(key);
    if (this.held.size === 0) this.stopRenewing();
    // Lost with Redis down: the slot then expires by itself.
    runScript(this.redis, RELEASE, [this.prefix + key], [token]).catch(() => undefined);
  }

  private startRenewing(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      for (const [key, tokens] of this.held) {
        runScript(this.redis, RENEW, [this.prefix + key], [SLOT_TTL_MS, ...tokens]).catch(() => undefined);
      }
    }, RENEW_EVERY_MS);
    this.timer.unref();
  }

  private stopRenewing(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
