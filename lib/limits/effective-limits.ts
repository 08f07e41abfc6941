import type { Identity, KeyLimits } from '@/lib/access/identity';

/**
 * The limits that apply to an identity: the key's own, then the config file's `limits` for what the key leaves
 * out. Null when nothing is limited: personal mode always, and a key with no limit from either source.
 */
export function effectiveLimits(identity: Identity, defaults: KeyLimits): (KeyLimits & { keyId: string }) | null {
  if (identity.kind !== 'key') return null;
  const limits: KeyLimits = {
    rpm: identity.limits.rpm ?? defaults.rpm,
    concurrent: identity.limits.concurrent ?? defaults.concurrent,
    dailyUsd: identity.limits.dailyUsd ?? defaults.dailyUsd,
    monthlyUsd: identity.limits.monthlyUsd ?? defaults.monthlyUsd,
  };
  const any = Object.values(limits).some((value) => value !== undefined);
  return any ? { keyId: identity.keyId, ...withoutUndefined(limits) } : null;
}

function withoutUndefined(limits: KeyLimits): KeyLimits {
  return Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined)) as KeyLimits;
}
