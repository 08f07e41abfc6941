/**
 * Rate-limit pauses in Redis (one key per limiter key, expiring with the pause), with the in-process map as
 * both a mirror and the fallback: a pause seen here is honoured here at once even if Redis is down, and while
 * Redis is unreachable every instance goes on with what it saw itself (DESIGN.md §7).
 */
import { LocalRateLimitPauses, type RateLimitPauses } from '@/lib/providers/resilience/rate-limit-pauses';
import type { RedisConnection } from './redis-connection';
import { runScript } from './run-script';

// Sets the pause when it is later than the one stored; the key expires with it.
const PAUSE = `local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local untilMs = tonumber(ARGV[1])
if untilMs > current then redis.call('SET', KEYS[1], ARGV[1], 'PX', math.max(1, tonumber(ARGV[2]))) end
return 1`;
const READ = `return redis.call('GET', KEYS[1])`;

export class RedisRateLimitPauses implements RateLimitPauses {
  private readonly local: LocalRateLimitPauses;

  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix = 'quorum:pause:',
    private readonly wallNow: () => number = Date.now,
  ) {
    this.local = new LocalRateLimitPauses(wallNow);
  }

  pause(key: string, untilWallMs: number): void {
    this.local.pause(key, untilWallMs);
    const ttl = Math.ceil(untilWallMs - this.wallNow());
    if (ttl <= 0) return;
    runScript(this.redis, PAUSE, [this.prefix + key], [Math.ceil(untilWallMs), ttl]).catch(() => undefined);
  }

  async pausedUntil(key: string): Promise<number> {
    const local = await this.local.pausedUntil(key);
    try {
      const shared = Number((await runScript(this.redis, READ, [this.prefix + key], [])) ?? 0);
      return Math.max(local, Number.isFinite(shared) ? shared : 0);
    } catch {
      return local;
    }
  }
}
