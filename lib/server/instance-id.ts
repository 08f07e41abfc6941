import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

const INSTANCE_ID_KEY = Symbol.for('quorum.instanceId');
type Holder = { [INSTANCE_ID_KEY]?: string };

/**
 * This process's instance id (DESIGN.md §7): QUORUM_INSTANCE_ID when set, else the host name plus a random
 * suffix, so that a restarted process is a new instance and never inherits the runs of the one before.
 */
export function getInstanceId(env: Record<string, string | undefined> = process.env): string {
  const holder = globalThis as Holder;
  holder[INSTANCE_ID_KEY] ??= newInstanceId(env.QUORUM_INSTANCE_ID);
  return holder[INSTANCE_ID_KEY];
}

export function newInstanceId(configured?: string): string {
  const suffix = randomBytes(4).toString('hex');
  const base = (configured?.trim() || hostname()).replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 60);
  return `${base || 'quorum'}-${suffix}`;
}
