import 'server-only';
import { randomUUID } from 'node:crypto';
import { parseEnv } from '@/lib/config/env';
import { RunCancellation } from '@/lib/council/run-cancellation';
import { getRedis } from '@/lib/redis/get-redis';
import { getLiveRuns } from '@/lib/server/live-runs';
import { MemoryRunFanout } from './memory-run-fanout';
import { RedisRunFanout } from './redis-run-fanout';
import type { RunFanout } from './run-fanout';
import { RunHubs } from './run-hubs';

const RUN_HUBS_KEY = Symbol.for('quorum.runHubs');
type Holder = { [RUN_HUBS_KEY]?: RunHubs };

/**
 * The process's detachable runs and their fan-out (kept on globalThis, shared by every route bundle): through
 * Redis when REDIS_URL is set, in-process otherwise. A cancel relayed from another instance cancels the run
 * here when this instance executes it.
 */
export function getRunHubs(): RunHubs {
  const holder = globalThis as Holder;
  if (!holder[RUN_HUBS_KEY]) {
    const redis = getRedis();
    const fanout: RunFanout = redis ? new RedisRunFanout(redis, randomUUID()) : new MemoryRunFanout();
    fanout.onCancel((runId, reason) => void getLiveRuns().cancel(runId, new RunCancellation(reason)));
    holder[RUN_HUBS_KEY] = new RunHubs(fanout, parseEnv().QUORUM_DETACH_GRACE_MS);
  }
  return holder[RUN_HUBS_KEY];
}
