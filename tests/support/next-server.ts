/**
 * One more `next start` of the already-built app (the e2e global setup builds it once), with its own
 * environment, data directory and port: for tests that need a server configured differently from the shared
 * one (a fake upstream behind it, other limits, a second instance). Captures its output so tests can check
 * that no secret reaches a log line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './redis-server';

const root = path.resolve(__dirname, '../..');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

export interface NextServer {
  baseURL: string;
  dataDir: string;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
  readonly child: ChildProcess;
}

export interface NextServerOptions {
  /** A config object, written to a QUORUM_CONFIG file of the server's own. */
  config?: unknown;
  env?: Record<string, string | undefined>;
  /** Reuse a data directory (a second instance on the same SQLite is not supported: use PostgreSQL). */
  dataDir?: string;
}

export async function startNextServer(options: NextServerOptions = {}): Promise<NextServer> {
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) throw new Error('The app is not built: run `next build` first.');
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'quorum-next-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (/_API_KEY$/.test(name) || name === 'DATABASE_URL' || name === 'REDIS_URL') delete env[name];
  if (options.config !== undefined) {
    const file = path.join(dataDir, 'quorum.test.json');
    writeFileSync(file, JSON.stringify(options.config));
    env.QUORUM_CONFIG = file;
  }
  Object.assign(env, { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', QUORUM_DATA_DIR: dataDir }, options.env);
  for (const [name, value] of Object.entries(options.env ?? {})) if (value === undefined) delete env[name];

  const port = await freePort();
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseURL = `http://127.0.0.1:${port}`;
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(baseURL, child, 60_000);
  } catch (error) {
    await stop('SIGKILL');
    throw new Error(`${error instanceof Error ? error.message : error}\n${output}`);
  }
  return { baseURL, dataDir, output: () => output, stop, child };
}

async function waitUntilServing(baseURL: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${baseURL}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`next start did not serve ${baseURL} within ${timeoutMs} ms`);
}
