/**
 * /api/stats over a year of history: 20 runs a day × 365 days, councils of 4 (stage-1 answers of ~1.5 KB,
 * 4 judges each ranking the 3 others, an aggregate, a chairman), written through the store like real runs.
 * Reports the time of the whole computation (store read + statistics) for ?days=365 and ?days=30, p50/p95
 * over repeated requests, on SQLite and (when reachable) PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { assignLabels } from '@/lib/council/assign-labels';
import type { CouncilEvent, CouncilEventBody } from '@/lib/council/events';
import { seededRandom } from '@/lib/council/random';
import { openStore } from '@/lib/store/open-store';
import type { Store } from '@/lib/store/store';
import { statsResponse } from '@/lib/stats/stats-api';
import { percentile } from '@/lib/stats/proportions';

const DAYS = 365;
const RUNS_PER_DAY = 20;
const MEMBERS = ['bench-a', 'bench-b', 'bench-c', 'bench-d'];
const REPEATS = 15;
const DAY_MS = 86_400_000;
const ANSWER = 'A considered answer with some **Markdown** and a list:\n- one\n- two\n'.repeat(22);
const usage = { input: 400, output: 350 };

function runBodies(random: () => number): CouncilEventBody[] {
  const bodies: CouncilEventBody[] = [];
  for (const model of MEMBERS) {
    const ttft = 200 + random() * 800;
    if (random() < 0.03) {
      bodies.push({ type: 'member.failed', stage: 1, model, reason: 'timeout', message: 'deadline', timing: { startMs: 0, firstTokenMs: null, endMs: 60_000 }, attempts: 1 });
      continue;
    }
    bodies.push({ type: 'member.completed', stage: 1, model, text: ANSWER, usage, costUsd: 0.002, timing: { startMs: 0, firstTokenMs: ttft, endMs: ttft + 3000 * random() }, attempts: 1 });
  }
  const sums = new Map(MEMBERS.map((m) => [m, { sum: 0, votes: 0 }]));
  for (const judge of MEMBERS) {
    const labels = assignLabels(MEMBERS.filter((m) => m !== judge), random);
    const order = Object.keys(labels).sort(() => random() - 0.5);
    const ranked = order.map((l) => labels[l]);
    ranked.forEach((m, i) => {
      const s = sums.get(m)!;
      s.sum += i + 1;
      s.votes += 1;
    });
    bodies.push({ type: 'ranking.parsed', judge, labels, order, ranked, valid: true, late: false, critique: 'Response A is thorough; B misses a case.' });
  }
  const entries = [...sums].map(([model, s]) => ({ model, averageRank: s.sum / s.votes, votes: s.votes })).sort((a, b) => a.averageRank - b.averageRank);
  bodies.push({ type: 'ranking.aggregate', entries, late: false });
  bodies.push({ type: 'member.completed', stage: 3, model: 'bench-a', text: ANSWER, usage, costUsd: 0.003, timing: { startMs: 5000, firstTokenMs: 5400, endMs: 9000 }, attempts: 1 });
  bodies.push({ type: 'run.completed', text: ANSWER, chairman: 'bench-a', degraded: false, totals: { durationMs: 9000, stages: [], tokens: usage, costUsd: 0.011 } });
  return bodies;
}

async function seedYear(store: Store, now: number): Promise<number> {
  const random = seededRandom(2026);
  await store.createConversation({ id: 'bench-history', title: 'bench', createdAt: new Date(now - DAYS * DAY_MS) });
  let events = 0;
  for (let day = DAYS - 1; day >= 0; day--) {
    for (let r = 0; r < RUNS_PER_DAY; r++) {
      const runId = `run-${day}-${r}`;
      const startedAt = new Date(now - day * DAY_MS - r * 60_000);
      await store.createRun({ id: runId, conversationId: 'bench-history', tier: 'balanced', question: 'q', startedAt });
      const batch = runBodies(random).map((body, i) => ({ ...body, runId, seq: i + 1, t: i }) as CouncilEvent);
      await store.writeBatch({ events: batch });
      events += batch.length;
    }
  }
  return events;
}

async function bench(name: string, open: () => Promise<Store>): Promise<void> {
  const store = await open();
  try {
    const now = Date.now();
    const seedStart = performance.now();
    const events = await seedYear(store, now);
    console.log(`${name}: seeded ${DAYS * RUNS_PER_DAY} runs, ${events} events in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
    for (const days of [365, 30]) {
      const times: number[] = [];
      let models = 0;
      for (let i = 0; i < REPEATS; i++) {
        const start = performance.now();
        const response = await statsResponse(store, new Request(`http://bench/api/stats?days=${days}`), { kind: 'all' });
        const body = (await response.json()) as { models: { answers: number }[] };
        times.push(performance.now() - start);
        models = body.models.reduce((n, m) => n + m.answers, 0);
      }
      console.log(`  /api/stats?days=${days}: p50 ${percentile(times, 50)?.toFixed(1)} ms  p95 ${percentile(times, 95)?.toFixed(1)} ms  (${REPEATS} requests, ${models} answers counted)`);
    }
  } finally {
    await store.close();
  }
}

async function postgresUrl(): Promise<string | null> {
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/quorum_test';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    return url;
  } catch (error) {
    console.log(`PostgreSQL: skipped (${error instanceof Error ? error.message : String(error)})`);
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'quorum-bench-stats-'));
  try {
    await bench('SQLite', () => openStore({ dataDir: dir }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const url = await postgresUrl();
  if (url) await bench('PostgreSQL', () => openStore({ databaseUrl: url }));
}
