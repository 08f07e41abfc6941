import type { Identity, KeyLimits } from '@/lib/access/identity';

let next = 0;

/** A key's identity as the access layer will hand it to the pipeline; a fresh key id unless one is given. */
export function keyIdentity(limits: KeyLimits = {}, overrides: Partial<Extract<Identity, { kind: 'key' }>> = {}): Identity {
  next += 1;
  return {
    kind: 'key',
    keyId: `test-key-${process.pid}-${next}-${Math.random().toString(36).slice(2, 8)}`,
    name: `key ${next}`,
    admin: false,
    limits,
    tiers: null,
    via: 'bearer',
    ...overrides,
  };
}
