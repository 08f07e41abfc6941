import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { CouncilEvent } from '@/lib/council/events';
import { openStore, SQLITE_FILENAME } from '@/lib/store/open-store';

const root = mkdtempSync(path.join(tmpdir(), 'quorum-group-commit-'));
let n = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);
function delta(runId: string, seq: number): CouncilEvent {
  return { runId, seq, t: seq, type: 'member.delta', stage: 1, model: 'm', text: `text ${seq}` };
}

describe('SQLite: batches handed in together are committed together', () => {
  it('writes every good batch of a turn and fails only the bad one', async () => {
    const store = await openStore({ dataDir: path.join(root, `db-${++n}`) });
    await store.createConversation({ id: 'c', title: 't', createdAt: at(0) });
    for (const id of ['r1', 'r2']) await store.createRun({ id, conversationId: 'c', tier: 't', question: 'q', startedAt: at(1) });
    // Same turn: r1's batch, a batch for a run that does not exist (a foreign-key failure), r2's batch.
    const writes = [
      store.writeBatch({ events: [delta('r1', 1), delta('r1', 2)] }),
      store.writeBatch({ events: [delta('no-such-run', 1)] }),
      store.writeBatch({ events: [delta('r2', 1)] }),
    ];
    const outcomes = await Promise.allSettled(writes);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.listEvents('r1')).map((e) => e.seq)).toEqual([1, 2]);
    expect((await store.listEvents('r2')).map((e) => e.seq)).toEqual([1]);
    expect(await store.listEvents('no-such-run')).toEqual([]);
    await store.close();
  });

  it('makes one commit of a hundred runs\' batches, not a hundred (the write-ahead log grows by a few pages)', async () => {
    const dataDir = path.join(root, `db-${++n}`);
    const store = await openStore({ dataDir });
    await store.createConversation({ id: 'c', title: 't', createdAt: at(0) });
    const runs = Array.from({ length: 100 }, (_, i) => `run-${i}`);
    for (const id of runs) await store.createRun({ id, conversationId: 'c', tier: 't', question: 'q', startedAt: at(1) });
    // Empty the write-ahead log first (from a second connection), so that its size counts only what follows.
    const other = new Database(path.join(dataDir, SQLITE_FILENAME));
    other.pragma('wal_checkpoint(TRUNCATE)');
    other.close();
    const wal = path.join(dataDir, `${SQLITE_FILENAME}-wal`);
    const before = statSync(wal).size;
    await Promise.all(runs.map((id) => store.writeBatch({ events: [delta(id, 1)] })));
    // One commit per batch appends every touched page again each time: about 100 × 2–3 pages of 4 KiB.
    expect(statSync(wal).size - before).toBeLessThan(100 * 1024);
    for (const id of runs.slice(0, 3)) expect((await store.listEvents(id)).map((e) => e.seq)).toEqual([1]);
    await store.close();
  });

  it('writes what was handed in before close()', async () => {
    const dataDir = path.join(root, `db-${++n}`);
    const store = await openStore({ dataDir });
    await store.createConversation({ id: 'c', title: 't', createdAt: at(0) });
    await store.createRun({ id: 'r', conversationId: 'c', tier: 't', question: 'q', startedAt: at(1) });
    const written = store.writeBatch({ events: [delta('r', 1)] });
    await store.close();
    await written;
    const reopened = await openStore({ dataDir });
    expect((await reopened.listEvents('r')).map((e) => e.seq)).toEqual([1]);
    await reopened.close();
  });
});
