import 'server-only';
import { parseEnv } from '@/lib/config/env';
import { openRedisConnection, type RedisConnection } from './redis-connection';

/** Kept on globalThis like the store: one connection per process, whichever route bundle asks first. */
const REDIS_KEY = Symbol.for('quorum.redis');
type Holder = { [REDIS_KEY]?: RedisConnection | null };

/** The process's Redis connection, or null when REDIS_URL is not set (single-instance, in-process state). */
export function getRedis(): RedisConnection | null {
  const holder = globalThis as Holder;
  if (holder[REDIS_KEY] === undefined) {
    const url = parseEnv().REDIS_URL;
    holder[REDIS_KEY] = url ? openRedisConnection({ url }) : null;
  }
  return holder[REDIS_KEY];
}
