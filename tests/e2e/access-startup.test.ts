/**
 * Personal and shared modes at start-up and as keys appear (DESIGN.md §5), against real `next start`
 * processes: the refusal to serve the network without a key (also through `npm start`'s HOSTNAME), the
 * QUORUM_AUTH=off override, `npm start` on loopback by default, and a personal server that locks itself
 * within 5 s of the first key.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createKey, newDataDir, removeDataDir, StartFailed, startQuorum, type QuorumServer } from './access/quorum-server';

let running: QuorumServer | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await running?.stop();
  running = null;
  for (const dir of dirs.splice(0)) removeDataDir(dir);
});

function dataDir(): string {
  const dir = newDataDir();
  dirs.push(dir);
  return dir;
}

async function startFailure(options: Parameters<typeof startQuorum>[0]): Promise<StartFailed> {
  try {
    running = await startQuorum(options);
  } catch (error) {
    if (error instanceof StartFailed) return error;
    throw error;
  }
  throw new Error('the server started');
}

describe('start-up access checks', () => {
  it('refuses to listen on 0.0.0.0 with no key, saying how to create one', async () => {
    const failed = await startFailure({ dataDir: dataDir(), host: '0.0.0.0' });
    expect(failed.exitCode).toBe(1);
    expect(failed.output).toContain('Quorum cannot start');
    expect(failed.output).toContain('0.0.0.0');
    expect(failed.output).toContain('npm run keys -- create');
  });

  it('refuses the same through npm start with HOSTNAME=0.0.0.0', async () => {
    const failed = await startFailure({ dataDir: dataDir(), launcher: true, env: { HOSTNAME: '0.0.0.0' } });
    expect(failed.exitCode).toBe(1);
    expect(failed.output).toContain('npm run keys -- create');
  });

  it('starts with QUORUM_AUTH=off, warns, and still asks for a key on every route', async () => {
    const dir = dataDir();
    running = await startQuorum({ dataDir: dir, host: '0.0.0.0', env: { QUORUM_AUTH: 'off' } });
    expect(running.output()).toMatch(/Warning: .*QUORUM_AUTH=off/);
    expect((await fetch(`${running.baseURL}/api/tiers`)).status).toBe(401);
    // The proxy knows the bound address too: a path no handler serves is refused before routing.
    expect((await fetch(`${running.baseURL}/api/not-a-route`)).status).toBe(401);
    const key = createKey(dir, 'first');
    await expect
      .poll(async () => (await fetch(`${running!.baseURL}/api/tiers`, { headers: { authorization: `Bearer ${key}` } })).status, { timeout: 10_000 })
      .toBe(200);
  });

  it('starts on 0.0.0.0 once a key exists', async () => {
    const dir = dataDir();
    const key = createKey(dir, 'ops', ['--admin']);
    running = await startQuorum({ dataDir: dir, host: '0.0.0.0' });
    expect((await fetch(`${running.baseURL}/api/tiers`)).status).toBe(401);
    expect((await fetch(`${running.baseURL}/api/tiers`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
  });

  it('npm start listens on 127.0.0.1 by default and is personal: open, Authorization ignored, until a key is created', async () => {
    const dir = dataDir();
    running = await startQuorum({ dataDir: dir, launcher: true });
    const port = new URL(running.baseURL).port;
    expect(running.output()).toContain(`http://127.0.0.1:${port}`);
    expect(running.output()).not.toContain('0.0.0.0');
    const tiers = () => fetch(`${running!.baseURL}/api/tiers`, { headers: { authorization: 'Bearer sk\x2dsome-sdk-default' } });
    expect((await tiers()).status).toBe(200);
    expect(await (await fetch(`${running.baseURL}/api/session`)).json()).toEqual({ mode: 'personal', signedIn: false });

    createKey(dir, 'now-shared');
    const createdAt = Date.now();
    await expect.poll(async () => (await tiers()).status, { timeout: 5_000, interval: 200 }).toBe(401);
    expect(Date.now() - createdAt).toBeLessThan(5_000);
  });
});
