/**
 * GET /api/stats over a real SQLite store: validation of `days` (400 `{ error, issues }`), the default
 * window, and figures computed from runs recorded through the store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '@/lib/store/open-store';
import type { Store } from '@/lib/store/store';
import { statsResponse } from '@/lib/stats/stats-api';
import { stamp } from '../store/run-events-fixture';
import { statsRunBodies } from '../store/stats-contract';

const NOW = new Date('2026-06-30T12:00:00Z');
const DAY = 86_400_000;
const ALL = { kind: 'all' } as const;
let dir: string;
let store: Store;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'quorum-stats-route-'));
  store = await openStore({ dataDir: dir });
  // One run 2 days ago and one 40 days ago.
  for (const [id, ageDays] of [['recent', 2], ['old', 40]] as const) {
    const startedAt = new Date(NOW.getTime() - ageDays * DAY);
    await store.createConversation({ id: `c-${id}`, title: id, createdAt: startedAt });
    await store.createRun({ id, conversationId: `c-${id}`, tier: 'balanced', question: 'q', startedAt });
    await store.writeBatch({ events: stamp(id, statsRunBodies()) });
  }
});
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (query: string) => statsResponse(store, new Request(`http://localhost/api/stats${query}`), ALL, () => NOW);

describe('GET /api/stats', () => {
  it.each(['?days=0', '?days=3651', '?days=-1', '?days=abc', '?days=1.5', '?days=', '?days=1e3', '?days=%20%207', '?days=99999999999999999999'])(
    'answers 400 with issues for %s',
    async (query) => {
      const response = await get(query);
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body.error).toMatch(/invalid/);
      expect(body.issues[0].path).toBe('days');
    },
  );

  it('answers 400 when days is given twice', async () => {
    const response = await get('?days=1&days=2');
    expect(response.status).toBe(400);
    expect((await response.json()).issues).toEqual([{ path: 'days', message: 'give it once' }]);
  });

  it('defaults to 30 days: the run of 40 days ago is left out', async () => {
    const response = await get('');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.days).toBe(30);
    expect(body.since).toBe(new Date(NOW.getTime() - 30 * DAY).toISOString());
    const a = body.models.find((m: { model: string }) => m.model === 'm-a');
    expect(a).toMatchObject({ answers: 1, firstPlaces: 0, averageRank: 2, ttftMs: { p50: 100, p95: 100 }, costPerAnswerUsd: 0.01 });
    expect(body.models.find((m: { model: string }) => m.model === 'm-c')).toMatchObject({ answers: 0, failures: { timeout: 1 }, averageRank: null });
  });

  it('counts both runs over 3650 days, in the §8 shape', async () => {
    const body = await (await get('?days=3650')).json();
    expect(body.models.map((m: { model: string }) => m.model)).toEqual(['m-b', 'm-a', 'm-c']);
    expect(body.models[0]).toMatchObject({ model: 'm-b', answers: 2, firstPlaces: 2, averageRank: 1, failures: {} });
    expect(Object.keys(body.models[0]).sort()).toEqual(
      ['answers', 'averageRank', 'costPerAnswerUsd', 'durationMs', 'failures', 'firstPlaces', 'model', 'ranked', 'ttftMs'].sort(),
    );
    const judgeA = body.judges.find((j: { judge: string }) => j.judge === 'm-a');
    expect(judgeA).toMatchObject({ rankings: 2, firstShownBest: 1, expected: 0.5, selfPreference: { rankings: 2, count: 0, share: 0 } });
    expect(judgeA.ci95).toHaveLength(2);
  });

  it('answers 503 (not 500) when the store fails to read', async () => {
    const broken = { ...store, readStatsSummary: async () => { throw new Error('connection terminated'); } } as Store;
    const response = await statsResponse(broken, new Request('http://localhost/api/stats?days=5'), ALL, () => NOW);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect((await response.json()).error).toMatch(/unavailable/);
  });

  it('answers empty lists when nothing was run in the window', async () => {
    const body = await (await get('?days=1')).json();
    expect(body).toMatchObject({ days: 1, models: [], judges: [] });
  });
});
