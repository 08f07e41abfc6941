import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, SQLITE_FILENAME } from '@/lib/store/open-store';
import { crashRunEvent } from './crash-events';

const root = mkdtempSync(path.join(tmpdir(), 'quorum-crash-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Starts the child and resolves with the highest acknowledged seq once it has acknowledged `atLeast` flushes. */
function runChildUntilFlushed(dataDir: string, atLeast: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'crash-child.ts'), dataDir], {
    cwd: path.resolve(__dirname, '../../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let flushes = 0;
  let acknowledged = 0;
  let stderr = '';
  let buffered = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child made no progress in time; stderr: ${stderr}`)), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const match = /^flushed (\d+)$/.exec(line);
        if (!match) continue;
        flushes++;
        acknowledged = Math.max(acknowledged, Number(match[1]));
        if (flushes >= atLeast) {
          clearTimeout(timer);
          resolve();
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child exited early (${code}); stderr: ${stderr}`));
    });
  });
  return {
    ready,
    acknowledged: () => acknowledged,
    kill: () =>
      new Promise<NodeJS.Signals | null>((resolve) => {
        child.removeAllListeners('exit');
        child.on('exit', (_code, signal) => resolve(signal));
        child.kill('SIGKILL');
      }),
  };
}

describe('crash safety (SQLite)', () => {
  it('keeps every flushed event after a SIGKILL mid-run, marks the run interrupted and stays consistent', async () => {
    const dataDir = path.join(root, 'data');
    const child = runChildUntilFlushed(dataDir, 5);
    await child.ready;
    // Killed while it keeps writing: the kill lands at an arbitrary point, possibly inside a transaction.
    const acknowledged = child.acknowledged();
    expect(await child.kill()).toBe('SIGKILL');

    // The killed instance's lease lapses after 300 ms; this instance's recovery then marks its run.
    const store = await openStore({ dataDir, lease: { ttlMs: 300, renewMs: 100 } });
    try {
      await expect.poll(async () => (await store.getRun('run-1'))?.status, { timeout: 15_000, interval: 50 }).toBe('interrupted');
      const events = await store.listEvents('run-1');
      expect(events.length).toBeGreaterThanOrEqual(acknowledged);
      expect(events).toEqual(events.map((_, i) => crashRunEvent(i + 1)));
      const [request] = await store.listLlmRequests('run-1');
      expect(request).toMatchObject({ model: 'm', status: 'failed', errorKind: 'interrupted' });
    } finally {
      await store.close();
    }
    const db = new Database(path.join(dataDir, SQLITE_FILENAME), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const { n, max } = db.prepare("SELECT COUNT(*) AS n, MAX(seq) AS max FROM run_events WHERE run_id = 'run-1'").get() as { n: number; max: number };
      expect(max).toBe(n);
    } finally {
      db.close();
    }
  });
});
