/**
 * The standalone server exactly as the Dockerfile assembles and runs it: after `next build` (the e2e global
 * setup), scripts/assemble-standalone.sh copies the static assets in, and `node .next/standalone/server.js` must
 * serve health, the page's assets and a whole council on SQLite, then drain on SIGTERM and exit 0.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, askCouncil, startInstance, stopAll } from '@/tests/support/quorum-instance';

const dir = mkdtempSync(path.join(tmpdir(), 'quorum-standalone-'));
afterAll(async () => {
  await stopAll();
  rmSync(dir, { recursive: true, force: true });
});

describe('the standalone server (the Docker image\'s)', () => {
  it('assembles, serves health, assets and a council, and drains to exit 0 on SIGTERM', async () => {
    const assembled = spawnSync('sh', [path.join(ROOT, 'scripts/assemble-standalone.sh')], { cwd: ROOT, encoding: 'utf8' });
    expect(assembled.status, assembled.stderr).toBe(0);
    const server = await startInstance({
      mode: 'standalone',
      env: { QUORUM_CONFIG: path.join(ROOT, 'tests/e2e/quorum.e2e.json'), QUORUM_DATA_DIR: path.join(dir, 'data') },
    });
    const health = await (await fetch(`${server.url}/api/health`)).json();
    expect(health).toMatchObject({ ok: true, status: 'ok', store: { kind: 'sqlite', ok: true }, simulated: true });
    expect(health).not.toHaveProperty('redis');

    const page = await (await fetch(server.url)).text();
    const asset = page.match(/\/_next\/static\/[^"']+\.(?:js|css)/)?.[0];
    expect(asset).toBeDefined();
    expect((await fetch(`${server.url}${asset}`)).status).toBe(200);

    const outcome = await askCouncil(server.url, { question: 'Does the image work?', tier: 'speed' });
    expect(outcome.status).toBe(200);
    expect(outcome.events.at(-1)?.type).toBe('run.completed');

    expect(await server.stop('SIGTERM', 30_000)).toBe(0);
    expect(server.output()).toContain('Drained');
  });
});
