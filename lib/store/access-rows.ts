/**
 * Access-key rows → records, and the owner condition both dialects append to conversation queries, so that
 * ownership is part of the query (DESIGN.md §5) and never a check made after reading a row.
 */
import type { KeyLimits } from '@/lib/access/identity';
import { iso, parseJson } from './row-mappers';
import type { AccessKeyRecord, NewAccessKey, Scope } from './store';

type Row = Record<string, unknown>;

function optionalNumber(value: unknown): number | undefined {
  return value === null || value === undefined ? undefined : Number(value);
}

export function toAccessKey(row: Row): AccessKeyRecord {
  const limits: KeyLimits = {};
  const rpm = optionalNumber(row.rpm);
  const concurrent = optionalNumber(row.concurrent);
  const dailyUsd = optionalNumber(row.daily_usd);
  const monthlyUsd = optionalNumber(row.monthly_usd);
  if (rpm !== undefined) limits.rpm = rpm;
  if (concurrent !== undefined) limits.concurrent = concurrent;
  if (dailyUsd !== undefined) limits.dailyUsd = dailyUsd;
  if (monthlyUsd !== undefined) limits.monthlyUsd = monthlyUsd;
  return {
    id: String(row.id),
    name: String(row.name),
    admin: row.admin === true || Number(row.admin) === 1,
    limits,
    tiers: row.tiers === null || row.tiers === undefined ? null : parseJson<string[]>(row.tiers),
    createdAt: iso(row.created_at),
    revokedAt: row.revoked_at === null || row.revoked_at === undefined ? null : iso(row.revoked_at),
  };
}

export const ACCESS_KEY_COLUMNS = ['id', 'name', 'key_hash', 'admin', 'rpm', 'concurrent', 'daily_usd', 'monthly_usd', 'tiers', 'created_at'];

/** Values in ACCESS_KEY_COLUMNS order; `admin` as the dialect stores booleans. */
export function accessKeyValues(key: NewAccessKey, admin: boolean | number): unknown[] {
  return [
    key.id,
    key.name,
    key.keyHash,
    admin,
    key.limits.rpm ?? null,
    key.limits.concurrent ?? null,
    key.limits.dailyUsd ?? null,
    key.limits.monthlyUsd ?? null,
    key.tiers === null ? null : JSON.stringify(key.tiers),
    key.createdAt.getTime(),
  ];
}

/**
 * The owner condition for a scope: `''` for every row, else ` AND owner_key_id = <param>` with the parameter
 * to bind. `placeholder` is `?` (SQLite) or `$n` (PostgreSQL).
 */
export function ownerCondition(scope: Scope | undefined, placeholder: string): { sql: string; params: unknown[] } {
  if (!scope || scope.kind === 'all') return { sql: '', params: [] };
  return { sql: ` AND owner_key_id = ${placeholder}`, params: [scope.ownerKeyId] };
}

/** Unique-constraint violation on the key's name, in either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
