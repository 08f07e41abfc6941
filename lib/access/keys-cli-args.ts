/**
 * The arguments of `npm run keys -- <command>` (DESIGN.md §5), parsed without side effects so that every bad
 * input has a clear message and exit code 2 before the store is touched.
 */
import { parseArgs } from 'node:util';
import type { KeyLimits } from './identity';

export type KeysCommand =
  | { command: 'create'; name: string; admin: boolean; limits: KeyLimits; tiers: string[] | null }
  | { command: 'list' }
  | { command: 'revoke'; name: string }
  | { command: 'help' };

export type ParsedKeysArgs = { ok: true; value: KeysCommand } | { ok: false; error: string };

export const KEYS_USAGE = `Usage: npm run keys -- <command>
  create --name NAME [--admin] [--rpm N] [--concurrent N] [--daily-usd X] [--monthly-usd X] [--tiers a,b]
         prints the new key on the last line; it is shown only once
  list   the keys (never the keys themselves)
  revoke NAME
         the key and every session opened with it stop working within 5 seconds`;

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const TIER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const NAME_RULE = 'a name is 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit';

function positiveInteger(flag: string, value: string | undefined): number | undefined | string {
  if (value === undefined) return undefined;
  if (!/^[0-9]{1,9}$/.test(value) || Number(value) < 1) return `--${flag} must be a whole number of at least 1 (got "${value}")`;
  return Number(value);
}

function usd(flag: string, value: string | undefined): number | undefined | string {
  if (value === undefined) return undefined;
  if (!/^[0-9]{1,9}(\.[0-9]{1,6})?$/.test(value)) return `--${flag} must be an amount in USD such as 5 or 2.50 (got "${value}")`;
  return Number(value);
}

function tierList(value: string | undefined): string[] | null | string {
  if (value === undefined) return null;
  const tiers = value.split(',').map((t) => t.trim());
  const bad = tiers.find((t) => !TIER_PATTERN.test(t));
  if (bad !== undefined) return `--tiers must be a comma-separated list of tier ids (got "${value}")`;
  return [...new Set(tiers)];
}

export function parseKeysArgs(argv: string[]): ParsedKeysArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { ok: true, value: { command: 'help' } };
  try {
    if (command === 'list') {
      parseArgs({ args: rest, options: {}, strict: true, allowPositionals: false });
      return { ok: true, value: { command: 'list' } };
    }
    if (command === 'revoke') {
      const { positionals } = parseArgs({ args: rest, options: {}, strict: true, allowPositionals: true });
      if (positionals.length !== 1) return { ok: false, error: 'revoke takes exactly one key name: npm run keys -- revoke NAME' };
      if (!NAME_PATTERN.test(positionals[0])) return { ok: false, error: `"${positionals[0]}" is not a key name: ${NAME_RULE}` };
      return { ok: true, value: { command: 'revoke', name: positionals[0] } };
    }
    if (command === 'create') return parseCreate(rest);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  return { ok: false, error: `Unknown command "${command}".` };
}

function parseCreate(args: string[]): ParsedKeysArgs {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      name: { type: 'string' },
      admin: { type: 'boolean', default: false },
      rpm: { type: 'string' },
      concurrent: { type: 'string' },
      'daily-usd': { type: 'string' },
      'monthly-usd': { type: 'string' },
      tiers: { type: 'string' },
    },
  });
  if (values.name === undefined) return { ok: false, error: 'create needs --name NAME.' };
  if (!NAME_PATTERN.test(values.name)) return { ok: false, error: `"${values.name}" is not a key name: ${NAME_RULE}` };
  const rpm = positiveInteger('rpm', values.rpm);
  const concurrent = positiveInteger('concurrent', values.concurrent);
  const dailyUsd = usd('daily-usd', values['daily-usd']);
  const monthlyUsd = usd('monthly-usd', values['monthly-usd']);
  const tiers = tierList(values.tiers);
  for (const checked of [rpm, concurrent, dailyUsd, monthlyUsd, tiers]) {
    if (typeof checked === 'string') return { ok: false, error: checked };
  }
  const limits: KeyLimits = {};
  if (typeof rpm === 'number') limits.rpm = rpm;
  if (typeof concurrent === 'number') limits.concurrent = concurrent;
  if (typeof dailyUsd === 'number') limits.dailyUsd = dailyUsd;
  if (typeof monthlyUsd === 'number') limits.monthlyUsd = monthlyUsd;
  return { ok: true, value: { command: 'create', name: values.name, admin: values.admin ?? false, limits, tiers: tiers as string[] | null } };
}
