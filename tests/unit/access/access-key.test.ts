import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateAccessKey, generateSessionId, hashSecret, looksLikeAccessKey, parseBearerKey } from '@/lib/access/access-key';
import { parseKeysArgs } from '@/lib/access/keys-cli-args';

describe('access keys', () => {
  it('are qk_ followed by at least 32 URL-safe random characters, all different', () => {
    const keys = new Set(Array.from({ length: 200 }, generateAccessKey));
    expect(keys.size).toBe(200);
    for (const key of keys) expect(key).toMatch(/^qk_[A-Za-z0-9_-]{32,}$/);
    expect(generateSessionId()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('are stored as a SHA-256 that never contains the key', () => {
    const key = generateAccessKey();
    expect(hashSecret(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret(key)).not.toContain(key.slice(3));
  });

  it('parse from a Bearer header, any scheme case, and nothing else', () => {
    const key = generateAccessKey();
    expect(parseBearerKey(`Bearer ${key}`)).toBe(key);
    expect(parseBearerKey(`bearer   ${key}  `)).toBe(key);
    expect(parseBearerKey(`Basic ${key}`)).toBeNull();
    expect(parseBearerKey('Bearer sk\x2dnot-a-quorum-key')).toBeNull();
    expect(parseBearerKey(key)).toBeNull();
    expect(parseBearerKey(null)).toBeNull();
  });

  it('never accepts a header whose key part is not a Quorum key', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const parsed = parseBearerKey(`Bearer ${text}`);
        expect(parsed === null || looksLikeAccessKey(parsed)).toBe(true);
      }),
    );
  });
});

describe('npm run keys arguments', () => {
  it('parses create with every option', () => {
    expect(parseKeysArgs(['create', '--name', 'ops-1', '--admin', '--rpm', '10', '--concurrent', '2', '--daily-usd', '1.5', '--monthly-usd', '20', '--tiers', 'fast,balanced,fast'])).toEqual({
      ok: true,
      value: { command: 'create', name: 'ops-1', admin: true, limits: { rpm: 10, concurrent: 2, dailyUsd: 1.5, monthlyUsd: 20 }, tiers: ['fast', 'balanced'] },
    });
    expect(parseKeysArgs(['list'])).toEqual({ ok: true, value: { command: 'list' } });
    expect(parseKeysArgs(['revoke', 'ops-1'])).toEqual({ ok: true, value: { command: 'revoke', name: 'ops-1' } });
  });

  it.each([
    [['create']],
    [['create', '--name']],
    [['create', '--name', 'a b']],
    [['create', '--name', 'x', '--rpm', '0']],
    [['create', '--name', 'x', '--rpm', '1.5']],
    [['create', '--name', 'x', '--daily-usd', '-1']],
    [['create', '--name', 'x', '--tiers', 'a,,b']],
    [['create', '--name', 'x', '--bogus']],
    [['revoke']],
    [['revoke', 'a', 'b']],
    [['list', 'extra']],
    [['frobnicate']],
  ])('refuses %j with a message', (argv) => {
    const parsed = parseKeysArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.length).toBeGreaterThan(5);
  });
});
