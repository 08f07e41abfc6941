import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { CouncilMemberScript } from './council-behaviour';

export interface UpstreamStats {
  requests: number;
  connectionsOpened: number;
  /** Responses other than 200. */
  failed: number;
}

/** One request as the upstream saw it; times are wall-clock ms (performance.timeOrigin + now). */
export interface UpstreamRequestTiming {
  model: string;
  status: number;
  /** The request body as JSON, cut at 4,000 characters: enough to find a run's marker in the question. */
  body: string;
  arrivedWall: number;
  /** When the last byte of the answer was written; null while it is still streaming. */
  endedWall: number | null;
}

/** A fake upstream playing a council, running in a child process (tsx loads the TypeScript). */
export interface CouncilUpstreamProcess {
  url: string;
  stats(): Promise<UpstreamStats>;
  /** Every request so far with its times (child process only). */
  timings?(): Promise<UpstreamRequestTiming[]>;
  close(): Promise<void>;
}

export async function startCouncilUpstreamProcess(members: Record<string, CouncilMemberScript>): Promise<CouncilUpstreamProcess> {
  const child = fork(path.join(__dirname, 'council-upstream-child.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await reply<{ url: string }>(child, 'ready', () => child.send({ type: 'start', members }));
  return {
    url: url.url,
    stats: () => reply<UpstreamStats>(child, 'stats', () => child.send({ type: 'stats' })),
    timings: async () =>
      (await reply<{ requests: UpstreamRequestTiming[] }>(child, 'timings', () => child.send({ type: 'timings' }))).requests,
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'close' });
      await exited;
    },
  };
}

function reply<T>(child: ChildProcess, type: string, send: () => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string } & T) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null) => reject(new Error(`fake upstream process exited (${code})`));
    child.on('message', onMessage);
    child.once('exit', onExit);
    send();
  });
}
