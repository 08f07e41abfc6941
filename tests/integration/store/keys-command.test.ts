/** `npm run keys` as a function of its arguments and a store: output, exit codes, and never a key in `list`. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSecret } from '@/lib/access/access-key';
import { runKeysCommand } from '@/lib/access/run-keys-command';
import { openStore } from '@/lib/store/open-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'quorum-keys-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function keys(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runKeysCommand(argv, () => openStore({ dataDir: dir, maintenance: false }), {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out, err };
}

describe('npm run keys', () => {
  it('creates a key, prints it alone on the last line, and stores only its hash', async () => {
    const created = await keys('create', '--name', 'alice', '--admin', '--daily-usd', '2.5', '--tiers', 'speed');
    expect(created.code).toBe(0);
    const key = created.out[created.out.length - 1];
    expect(key).toMatch(/^qk_[A-Za-z0-9_-]{32,}$/);
    const store = await openStore({ dataDir: dir, maintenance: false });
    try {
      expect(await store.findActiveKeyByHash(hashSecret(key))).toMatchObject({ name: 'alice', admin: true, limits: { dailyUsd: 2.5 }, tiers: ['speed'] });
    } finally {
      await store.close();
    }
    const listed = await keys('list');
    expect(listed.code).toBe(0);
    expect(listed.out.join('\n')).toContain('"alice"');
    expect(listed.out.join('\n')).not.toContain(key.slice(3));
  });

  it('exits 1 for a taken name or an unknown key, 2 for bad arguments, 1 when the store cannot be opened', async () => {
    await keys('create', '--name', 'bob');
    expect((await keys('create', '--name', 'bob')).code).toBe(1);
    expect((await keys('revoke', 'nobody')).code).toBe(1);
    expect((await keys('revoke', 'bob')).code).toBe(0);
    const bad = await keys('create', '--name', 'x', '--rpm', 'many');
    expect(bad.code).toBe(2);
    expect(bad.err[0]).toContain('--rpm');
    const broken = await runKeysCommand(['list'], () => Promise.reject(new Error('disk gone')), { out: () => undefined, err: () => undefined });
    expect(broken).toBe(1);
  });
});
