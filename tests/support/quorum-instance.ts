/**
 * Starts built Quorum servers the way an operator does (`npm start` → scripts/start.mjs → `next start`, or the
 * standalone `server.js`), each on its own free loopback port, for tests with several instances on one
 * PostgreSQL and one Redis. Needs a finished `next build` (the e2e global setup makes one). Every instance is
 * bounded: stop() escalates to SIGKILL, and stopAll() ends whatever a test left running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from './redis-server';

export const ROOT = path.resolve(__dirname, '../..');

export interface QuorumInstance {
  url: string;
  child: ChildProcess;
  /** Everything the server printed (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  readonly exited: Promise<number | string>;
  /** Sends `signal` and waits up to `timeoutMs` for the exit, then SIGKILLs. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | string>;
}

export interface StartInstanceOptions {
  env: Record<string, string | undefined>;
  /** `npm-start` (default) runs scripts/start.mjs; `standalone` runs .next/standalone/server.js. */
  mode?: 'npm-start' | 'standalone';
  healthTimeoutMs?: number;
}

const started = new Set<QuorumInstance>();

/** The environment of a server: no provider key and no database of the developer's, unless given. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/_API_KEY$/.test(name) || /^(DATABASE_URL|REDIS_URL|QUORUM_|NEXT_MANUAL_SIG_HANDLE|PORT|HOSTNAME)/.test(name)) delete env[name];
  }
  return { ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' };
}

export async function startInstance(options: StartInstanceOptions): Promise<QuorumInstance> {
  const port = await freePort();
  const env = { ...baseEnv(), ...options.env } as NodeJS.ProcessEnv;
  const standalone = options.mode === 'standalone';
  const child = standalone
    ? spawn(process.execPath, [path.join(ROOT, '.next/standalone/server.js')], {
        cwd: path.join(ROOT, '.next/standalone'),
        env: { ...env, PORT: String(port), HOSTNAME: '127.0.0.1', NEXT_MANUAL_SIG_HANDLE: 'true' },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    : spawn(process.execPath, [path.join(ROOT, 'scripts/start.mjs'), '-p', String(port), '-H', '127.0.0.1'], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const instance: QuorumInstance = {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM', timeoutMs = 30_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
        started.delete(instance);
      }
    },
  };
  started.add(instance);
  try {
    await waitUntilServing(instance, options.healthTimeoutMs ?? 90_000);
  } catch (error) {
    await instance.stop('SIGKILL');
    throw new Error(`${error instanceof Error ? error.message : error}\n--- server output ---\n${output.slice(-3_000)}`);
  }
  return instance;
}

async function waitUntilServing(instance: QuorumInstance, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (instance.child.exitCode !== null) throw new Error(`the server exited with code ${instance.child.exitCode}`);
    try {
      const response = await fetch(`${instance.url}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server at ${instance.url} did not become healthy within ${timeoutMs} ms: ${last}`);
}

/** Ends every instance still running (afterAll). */
export async function stopAll(): Promise<void> {
  await Promise.all([...started].map((instance) => instance.stop('SIGKILL', 5_000)));
}

export interface CouncilOutcome {
  status: number;
  conversationId: string | null;
  runId: string | null;
  /** The SSE events, parsed. */
  events: { type: string; [field: string]: unknown }[];
  body: string;
}

export interface OpenCouncil {
  status: number;
  conversationId: string | null;
  runId: string | null;
  /** Reads the stream (or the refusal) to its end. */
  finish(): Promise<CouncilOutcome>;
}

/** POST /api/council: resolves with the headers while the run goes on; finish() reads it to the end. */
export async function openCouncil(url: string, body: object, signal?: AbortSignal): Promise<OpenCouncil> {
  const response = await fetch(`${url}/api/council`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: signal ?? AbortSignal.timeout(120_000),
  });
  const conversationId = response.headers.get('x-conversation-id');
  const runId = response.headers.get('x-run-id');
  let finished: Promise<CouncilOutcome> | undefined;
  return {
    status: response.status,
    conversationId,
    runId,
    finish: () =>
      (finished ??= response.text().catch(() => '').then((text) => ({
        status: response.status,
        conversationId,
        runId,
        events: text
          .split('\n')
          .filter((line) => line.startsWith('data: '))
          .map((line) => JSON.parse(line.slice(6)) as { type: string }),
        body: text,
      }))),
  };
}

/** POST /api/council and read the whole answer (or the refusal). */
export async function askCouncil(url: string, body: object, signal?: AbortSignal): Promise<CouncilOutcome> {
  return (await openCouncil(url, body, signal)).finish();
}

/** The stored runs of a conversation, as any instance's API returns them. */
export async function storedRuns(url: string, conversationId: string): Promise<{ id: string; status: string; finalText: string | null; events: { type: string; reason?: string }[] }[]> {
  const response = await fetch(`${url}/api/conversations/${conversationId}`, { signal: AbortSignal.timeout(10_000) });
  if (response.status !== 200) return [];
  return ((await response.json()) as { runs: never[] }).runs;
}
