/**
 * The access tests' own `next start` processes, on the build the e2e global setup made: each with its own
 * data directory, host and environment, its stdout and stderr captured (to prove keys never reach a log).
 * Keys are made with the real CLI (scripts/keys.ts, what `npm run keys` runs) against the same data directory.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const tsxCli = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');

export interface QuorumServer {
  baseURL: string;
  dataDir: string;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

export function newDataDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'quorum-access-'));
}

function serverEnv(dataDir: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/_API_KEY$/.test(name) || ['DATABASE_URL', 'HOSTNAME', 'QUORUM_AUTH', 'QUORUM_ALLOWED_HOSTS'].includes(name)) delete env[name];
  }
  return {
    ...env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    QUORUM_CONFIG: path.join(root, 'tests/e2e/quorum.e2e.json'),
    QUORUM_DATA_DIR: dataDir,
    ...extra,
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Starts `next start -H host`; resolves when GET /api/health answers 200, rejects (with the output) if it exits first. */
export async function startQuorum(options: {
  dataDir: string;
  host?: string;
  env?: Record<string, string>;
  /** Start through `npm start`'s launcher (scripts/start.mjs, HOSTNAME and PORT from env) instead of `next start -H`. */
  launcher?: boolean;
}): Promise<QuorumServer> {
  const port = await freePort();
  const args = options.launcher
    ? [path.join(root, 'scripts/start.mjs')]
    : [nextBin, 'start', '-p', String(port), '-H', options.host ?? '127.0.0.1'];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: serverEnv(options.dataDir, { ...(options.launcher ? { PORT: String(port) } : {}), ...(options.env ?? {}) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const baseURL = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new StartFailed(child.exitCode, output);
    try {
      const response = await fetch(`${baseURL}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return { baseURL, dataDir: options.dataDir, output: () => output, stop: () => stopChild(child) };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stopChild(child);
  throw new Error(`next start did not become healthy within 90 s:\n${output}`);
}

export class StartFailed extends Error {
  constructor(
    readonly exitCode: number,
    readonly output: string,
  ) {
    super(`next start exited with code ${exitCode}:\n${output}`);
  }
}

/** Runs `npm run keys -- <args>` (scripts/keys.ts) against a data directory. */
export function keysCli(
  dataDir: string,
  args: string[],
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [tsxCli, path.join(root, 'scripts/keys.ts'), ...args], {
    cwd: root,
    env: serverEnv(dataDir, env),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Creates a key with the CLI and returns it: the last line of stdout. */
export function createKey(dataDir: string, name: string, flags: string[] = [], env: Record<string, string> = {}): string {
  const result = keysCli(dataDir, ['create', '--name', name, ...flags], env);
  if (result.status !== 0) throw new Error(`keys create failed (${result.status}): ${result.stderr}`);
  const lines = result.stdout.trimEnd().split('\n');
  return lines[lines.length - 1];
}

export function removeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
}
