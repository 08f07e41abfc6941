import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { CouncilMemberScript } from './council-behaviour';

export interface UpstreamStats {
  requests: number;
  connectionsOpened: number;
  /** Responses other than 200. */
  failed: number;
}

/** A fake upstream playing a council, running in a child process (tsx loads the TypeScript). */
export interface CouncilUpstreamProcess {
  url: string;
  stats(): Promise<UpstreamStats>;
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
