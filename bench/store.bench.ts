/**
 * Store overhead: what recording costs the event stream, and how fast each store writes.
 * - pass-through: time of each next() on the stream, recorded vs raw, for a run of member deltas whose
 *   source yields to the event loop every few events (as the engine does), so the recorder's timed flushes
 *   land inside the measured window as they would in production;
 * - write throughput: events/s through writeBatch in batches of 100.
 * SQLite always; PostgreSQL when TEST_DATABASE_URL (or the local quorum_test database) is reachable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { CouncilEvent } from '@/lib/council/events';
import { DEFAULT_POLICY } from '@/lib/council/policy';
import { openStore } from '@/lib/store/open-store';
import { recordRun } from '@/lib/store/run-recorder';
import type { Store } from '@/lib/store/store';

const RUNS = 20;
const EVENTS_PER_RUN = 1_000;
const THROUGHPUT_EVENTS = 20_000;

function event(runId: string, seq: number): CouncilEvent {
  const base = { runId, seq, t: seq };
  if (seq === 1) {
    return { ...base, type: 'run.started', question: 'q', tier: 't', members: ['m1', 'm2', 'm3'], chairman: 'm1', fallbackChairmen: [], policy: DEFAULT_POLICY };
  }
  const model = `m${(seq % 3) + 1}`;
  if (seq <= 4) return { ...base, type: 'member.started', stage: 1, model, attempt: 1 };
  return { ...base, type: 'member.delta', stage: 1, model, text: 'lorem ipsum dolor sit amet, '.repeat(3) };
}

async function* source(runId: string, count: number): AsyncGenerator<CouncilEvent> {
  for (let seq = 1; seq < count; seq++) {
    yield event(runId, seq);
    if (seq % 5 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  yield { runId, seq: count, t: count, type: 'run.cancelled', reason: 'bench', message: 'end of bench run' };
}

/** Time of each next() call, ms. */
async function timeNext(events: AsyncIterable<CouncilEvent>): Promise<number[]> {
  const iterator = events[Symbol.asyncIterator]();
  const times: number[] = [];
  for (;;) {
    const start = performance.now();
    const result = await iterator.next();
    times.push(performance.now() - start);
    if (result.done) return times;
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const fmt = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;

async function bench(name: string, open: () => Promise<Store>): Promise<void> {
  const store = await open();
  try {
    await store.createConversation({ id: 'bench', title: 'bench', createdAt: new Date() });
    const raw: number[] = [];
    const recorded: number[] = [];
    const endWaits: number[] = [];
    const wall = performance.now();
    for (let r = 0; r < RUNS; r++) {
      raw.push(...(await timeNext(source(`raw-${r}`, EVENTS_PER_RUN))).slice(0, -1));
      const times = await timeNext(recordRun(store, { runId: `rec-${r}`, conversationId: 'bench', tier: 't', question: 'q' }, source(`rec-${r}`, EVENTS_PER_RUN)));
      // The final next() (done) waits for the last flush: reported apart, it is after the terminal event.
      endWaits.push(times.pop() ?? 0);
      recorded.push(...times);
    }
    const stored = (await store.listEvents(`rec-${RUNS - 1}`)).length;
    console.log(`${name}: pass-through per event, ${RUNS} runs × ${EVENTS_PER_RUN} events (${((performance.now() - wall) / 1000).toFixed(1)} s)`);
    console.log(`  raw      p50 ${fmt(percentile(raw, 50))}  p99 ${fmt(percentile(raw, 99))}  max ${fmt(Math.max(...raw))}`);
    console.log(`  recorded p50 ${fmt(percentile(recorded, 50))}  p99 ${fmt(percentile(recorded, 99))}  max ${fmt(Math.max(...recorded))}`);
    console.log(`  end of stream (last flush awaited after the terminal event) p50 ${fmt(percentile(endWaits, 50))}  max ${fmt(Math.max(...endWaits))}`);
    console.log(`  overhead p50 ${fmt(percentile(recorded, 50) - percentile(raw, 50))}  p99 ${fmt(percentile(recorded, 99) - percentile(raw, 99))}  (last run: ${stored}/${EVENTS_PER_RUN} events stored)`);

    await store.createRun({ id: 'throughput', conversationId: 'bench', tier: 't', question: 'q', startedAt: new Date() });
    const start = performance.now();
    for (let seq = 1; seq <= THROUGHPUT_EVENTS; seq += 100) {
      await store.writeBatch({ events: Array.from({ length: 100 }, (_, i) => event('throughput', seq + i)) });
    }
    const seconds = (performance.now() - start) / 1000;
    console.log(`  write throughput: ${Math.round(THROUGHPUT_EVENTS / seconds).toLocaleString('en')} events/s (batches of 100, ${THROUGHPUT_EVENTS} events)`);
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
  const dir = mkdtempSync(path.join(tmpdir(), 'quorum-bench-store-'));
  try {
    await bench('SQLite', () => openStore({ dataDir: dir }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const url = await postgresUrl();
  if (url) await bench('PostgreSQL', () => openStore({ databaseUrl: url }));
}
