import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '@/lib/store/open-store';
import type { LlmRequestRow, Store } from '@/lib/store/store';

const root = mkdtempSync(path.join(tmpdir(), 'quorum-open-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-06-01T00:00:00Z');

function row(attempt: number, createdAtMs: number): LlmRequestRow {
  return {
    runId: 'r1', stage: 1, model: 'm', attempt, status: 'completed', errorKind: null, errorMessage: null, httpStatus: null,
    timeToFirstTokenMs: 1, durationMs: 2, tokensIn: 3, tokensOut: 4, costUsd: 0, createdAt: new Date(createdAtMs).toISOString(),
  };
}

async function seed(store: Store, rows: LlmRequestRow[]) {
  await store.createConversation({ id: 'c1', title: 't', createdAt: new Date(NOW - 100 * DAY) });
  await store.createRun({ id: 'r1', conversationId: 'c1', tier: 't', question: 'q', startedAt: new Date(NOW - 100 * DAY) });
  await store.writeBatch({ llmRequests: rows });
}

describe('openStore', () => {
  it('creates the data directory and applies the retention at start-up (default 90 days)', async () => {
    const dataDir = path.join(root, 'a', 'nested');
    const first = await openStore({ dataDir, now: () => new Date(NOW - 100 * DAY) });
    await seed(first, [row(1, NOW - 95 * DAY), row(2, NOW - 89 * DAY), row(3, NOW - DAY)]);
    await first.close();
    const second = await openStore({ dataDir, now: () => new Date(NOW) });
    try {
      expect((await second.listLlmRequests('r1')).map((r) => r.attempt)).toEqual([2, 3]);
    } finally {
      await second.close();
    }
  });

  it('honours a configured retention and runs it again on its interval', async () => {
    const dataDir = path.join(root, 'b');
    let now = NOW;
    const store = await openStore({ dataDir, retentionDays: 7, retentionIntervalMs: 20, now: () => new Date(now) });
    try {
      await seed(store, [row(1, NOW - 8 * DAY), row(2, NOW - 6 * DAY), row(3, NOW)]);
      now = NOW + 2 * DAY;
      await expect.poll(async () => (await store.listLlmRequests('r1')).map((r) => r.attempt), { timeout: 10_000, interval: 20 }).toEqual([3]);
    } finally {
      await store.close();
    }
  });

  it('rejects when the PostgreSQL server cannot be reached', async () => {
    await expect(openStore({ databaseUrl: 'postgres://nobody:secret@127.0.0.1:1/none' })).rejects.toThrow();
  });
});
