/**
 * One more `next start` of the app the e2e global setup built, with its own environment (config file, data
 * directory, DATABASE_URL, REDIS_URL, detach grace): for tests that need several instances or a fake upstream.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../support/redis-server';

const root = path.resolve(__dirname, '../../..');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

export interface NextInstance {
  url: string;
  /** SIGTERM, then SIGKILL after 5 s; removes its data directory. */
  stop(): Promise<void>;
}

export async function startNextInstance(options: { config: object; env?: Record<string, string> }): Promise<NextInstance> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'quorum-instance-'));
  const configFile = path.join(dir, 'quorum.json');
  writeFileSync(configFile, JSON.stringify(options.config));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (/_API_KEY$/.test(name) || name === 'DATABASE_URL' || name === 'REDIS_URL') delete env[name];
  const port = await freePort();
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: root,
    env: { ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', QUORUM_CONFIG: configFile, QUORUM_DATA_DIR: path.join(dir, 'data'), ...options.env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilHealthy(url, child, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
}

async function waitUntilHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
      last = `${response.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The instance did not become healthy within ${timeoutMs} ms: ${last}`);
}
