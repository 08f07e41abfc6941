import 'server-only';
import { parseEnv } from '@/lib/config/env';
import { getRedis } from '@/lib/redis/get-redis';
import type { Store } from '@/lib/store/store';
import { DEFAULT_DRAIN_MS, drain } from './drain';
import { getLiveRuns } from './live-runs';

const STORE_KEY = Symbol.for('quorum.store');
const INSTALLED_KEY = Symbol.for('quorum.shutdownInstalled');
/** After the last run ended, a moment for its final SSE bytes to leave the socket before the process exits. */
const FLUSH_GRACE_MS = 200;

/**
 * Registers the SIGTERM / SIGINT drain (DESIGN.md §7). Only when Next leaves signals to the app
 * (NEXT_MANUAL_SIG_HANDLE, set by `npm start` and the Dockerfile): otherwise Next's own handler exits at once
 * and two handlers would race. A second signal while draining is ignored: the drain is already bounded.
 */
export function installShutdown(): boolean {
  if (!process.env.NEXT_MANUAL_SIG_HANDLE) return false;
  const holder = globalThis as Record<symbol, unknown>;
  if (holder[INSTALLED_KEY]) return true;
  holder[INSTALLED_KEY] = true;
  let draining = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (draining) return console.warn(`${signal} again: already draining.`);
    draining = true;
    void shutDown(signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return true;
}

async function shutDown(signal: NodeJS.Signals): Promise<void> {
  console.warn(`${signal} received.`);
  let code = 0;
  try {
    const outcome = await drain({
      liveRuns: getLiveRuns(),
      drainMs: drainMsFromEnv(),
      closeStore: async () => {
        const opening = (globalThis as Record<symbol, Promise<Store> | undefined>)[STORE_KEY];
        if (opening) await (await opening.catch(() => null))?.close();
      },
      closeRedis: async () => {
        if (process.env.REDIS_URL) await getRedis()?.close();
      },
    });
    console.warn(`Drained: ${outcome.finished} run(s) finished, ${outcome.cancelled} cancelled. Exiting.`);
  } catch (error) {
    console.error('Shutdown failed:', error instanceof Error ? error.message : error);
    code = 1;
  }
  setTimeout(() => process.exit(code), FLUSH_GRACE_MS);
}

function drainMsFromEnv(): number {
  try {
    return parseEnv().QUORUM_DRAIN_MS ?? DEFAULT_DRAIN_MS;
  } catch {
    return DEFAULT_DRAIN_MS;
  }
}
