/**
 * The one Redis connection of a process (DESIGN.md §7), through the official `redis` client. Commands fail at
 * once while Redis is unreachable (no offline queue: a limiter must not wait on a dead server), and the client
 * reconnects by itself with a bounded backoff, so every user of it falls back and recovers without restarts.
 */
import { createClient, type RedisClientType } from 'redis';

export type RedisClient = RedisClientType;

export interface RedisConnection {
  readonly client: RedisClient;
  /** True while the client is connected and ready for commands. */
  ready(): boolean;
  close(): Promise<void>;
}

export interface RedisConnectionOptions {
  url: string;
  /** How long one connect attempt may take, ms. */
  connectTimeoutMs?: number;
  /** The longest wait between reconnect attempts, ms. */
  maxReconnectDelayMs?: number;
  /** Where connection trouble is reported (once per outage, never the URL: it may hold a password). */
  log?: (message: string) => void;
}

export function openRedisConnection(options: RedisConnectionOptions): RedisConnection {
  const log = options.log ?? ((message: string) => console.warn(message));
  const maxDelay = options.maxReconnectDelayMs ?? 2_000;
  const client: RedisClient = createClient({
    url: options.url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: options.connectTimeoutMs ?? 2_000,
      reconnectStrategy: (retries) => Math.min(50 * 2 ** Math.min(retries, 10), maxDelay),
    },
  });
  let reportedDown = false;
  client.on('error', (error: unknown) => {
    if (reportedDown) return;
    reportedDown = true;
    log(`Redis unreachable (${describe(error)}); shared state falls back as DESIGN.md §7 says until it is back.`);
  });
  client.on('ready', () => {
    if (reportedDown) log('Redis is reachable again.');
    reportedDown = false;
  });
  // The first connect may fail; the reconnect strategy keeps trying in the background.
  client.connect().catch(() => undefined);
  return {
    client,
    ready: () => client.isReady,
    async close() {
      if (client.isOpen) await client.close().catch(() => client.destroy());
      else client.destroy();
    },
  };
}

/** An error's code or message, without anything from the URL. */
function describe(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'error';
}
