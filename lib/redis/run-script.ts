/**
 * One Lua script call on the shared connection, bounded in time: shared state must never make a model call
 * wait on a slow or dead Redis. Rejects when the connection is not ready, or the script errs or takes too long;
 * callers then fall back to their in-process state (DESIGN.md §7).
 */
import type { RedisConnection } from './redis-connection';

/** A healthy Redis answers in well under a millisecond on a LAN; this only catches a stuck one. */
export const SCRIPT_TIMEOUT_MS = 250;

export class RedisUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisUnavailableError';
  }
}

export async function runScript(
  redis: RedisConnection,
  script: string,
  keys: string[],
  args: (string | number)[],
  timeoutMs = SCRIPT_TIMEOUT_MS,
): Promise<unknown> {
  if (!redis.ready()) throw new RedisUnavailableError('Redis is not connected.');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisUnavailableError(`Redis did not answer within ${timeoutMs} ms.`)), timeoutMs);
  });
  try {
    const call = redis.client.eval(script, { keys, arguments: args.map(String) });
    // The loser of the race must not become an unhandled rejection.
    call.catch(() => undefined);
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Redis's own clock in ms, read inside a script: every instance judges times by the same clock. */
export const LUA_NOW_MS = `local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;
