/**
 * Resumable runs (DESIGN.md §7): how fast a follower that re-attaches gets its first replayed event and then
 * live ones, on the instance that runs the run (the hub, from memory) and on another instance (the store plus
 * Redis pub/sub, when redis-server is installed); and how much memory a detached run holds while it waits.
 * Figures, not pass/fail: the machine is shared.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { systemClock } from '@/lib/council/clock';
import type { CouncilEvent } from '@/lib/council/events';
import { followStoredRun } from '@/lib/runs/follow-stored-run';
import { RedisRunFanout } from '@/lib/runs/redis-run-fanout';
import { RunHub } from '@/lib/runs/run-hub';
import { openRedisConnection } from '@/lib/redis/redis-connection';
import { redisServerAvailable, startTestRedis } from '@/tests/support/redis-server';

const RE_ATTACHES = Number(process.env.BENCH_RESUME_ATTACHES ?? 200);
const DETACHED_RUNS = Number(process.env.BENCH_RESUME_DETACHED ?? 200);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const fmt = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(3)} ms  p99 ${percentile(sorted, 99).toFixed(3)} ms`;
};

/** A run's events as the engine makes them: 4 members × 120 coalesced deltas, completions, rankings, synthesis. */
function realisticRun(runId: string): CouncilEvent[] {
  const events: CouncilEvent[] = [];
  const push = (body: object) => events.push({ ...body, runId, seq: events.length + 1, t: events.length * 10 } as CouncilEvent);
  const members = ['m1', 'm2', 'm3', 'm4'];
  push({ type: 'stage.started', stage: 1, models: members });
  for (let i = 0; i < 120; i += 1) for (const model of members) push({ type: 'member.delta', stage: 1, model, text: 'a few words of text ' });
  for (const model of members) {
    push({ type: 'member.completed', stage: 1, model, text: 'a few words of text '.repeat(120), usage: { input: 300, output: 600 }, timing: { startMs: 0, queuedMs: 0, firstTokenMs: 200, endMs: 4_000 }, attempts: 1 });
  }
  for (const judge of members) push({ type: 'ranking.parsed', judge, labels: { A: 'm1', B: 'm2', C: 'm3' }, order: ['A', 'B', 'C'], ranked: ['m1', 'm2', 'm3'], valid: true, late: false, critique: 'critique '.repeat(60) });
  for (let i = 0; i < 150; i += 1) push({ type: 'member.delta', stage: 3, model: 'm1', text: 'the final answer ' });
  return events;
}

/** An event source the bench feeds by hand and never ends (a run still going). */
function manualSource() {
  const waiters: ((result: IteratorResult<CouncilEvent>) => void)[] = [];
  const queue: CouncilEvent[] = [];
  return {
    push(event: CouncilEvent) {
      const waiter = waiters.shift();
      if (waiter) waiter({ value: event, done: false });
      else queue.push(event);
    },
    end() {
      for (const waiter of waiters.splice(0)) waiter({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]: () => ({
      next: () => {
        const queued = queue.shift();
        return queued ? Promise.resolve({ value: queued, done: false as const }) : new Promise<IteratorResult<CouncilEvent>>((resolve) => waiters.push(resolve));
      },
    }),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function localReattach(): Promise<void> {
  const firstReplayed: number[] = [];
  const live: number[] = [];
  const events = realisticRun('bench-local');
  for (let i = 0; i < RE_ATTACHES; i += 1) {
    const source = manualSource();
    const hub = new RunHub({ runId: 'bench-local', events: source, cancel: () => source.end(), graceMs: 60_000, clock: systemClock });
    const cut = 100 + (i % 300);
    for (const event of events.slice(0, cut)) source.push(event);
    await tick();
    const attachedAt = performance.now();
    const follower = hub.follow(cut - 50);
    await follower.next();
    firstReplayed.push(performance.now() - attachedAt);
    for (let k = 0; k < 49; k += 1) await follower.next();
    const sentAt = performance.now();
    source.push(events[cut]);
    await follower.next();
    live.push(performance.now() - sentAt);
    await follower.return?.();
    source.end();
    await hub.done;
  }
  console.log(`same instance (hub, memory): re-attach → first replayed event ${fmt(firstReplayed)}; live event → follower ${fmt(live)}`);
}

async function remoteReattach(): Promise<void> {
  if (!redisServerAvailable()) {
    console.log('other instance (store + Redis): skipped, redis-server is not installed');
    return;
  }
  const redis = await startTestRedis();
  const a = openRedisConnection({ url: redis.url, log: () => undefined });
  const b = openRedisConnection({ url: redis.url, log: () => undefined });
  const owner = new RedisRunFanout(a, 'bench-a');
  const other = new RedisRunFanout(b, 'bench-b');
  await Promise.all([owner.ready, other.ready]);
  const firstReplayed: number[] = [];
  const live: number[] = [];
  try {
    for (let i = 0; i < RE_ATTACHES; i += 1) {
      const runId = `bench-remote-${i}`;
      const events = realisticRun(runId);
      const cut = 100 + (i % 300);
      // The store as another instance reads it: what was recorded so far.
      const stored = events.slice(0, cut);
      const attachedAt = performance.now();
      const follower = await followStoredRun({
        runId,
        afterSeq: cut - 50,
        fanout: other,
        clock: systemClock,
        source: { events: async () => stored, status: async () => 'running' },
      });
      await follower.next();
      firstReplayed.push(performance.now() - attachedAt);
      for (let k = 0; k < 49; k += 1) await follower.next();
      const sentAt = performance.now();
      owner.publish(events[cut]);
      await follower.next();
      live.push(performance.now() - sentAt);
      await follower.return?.();
    }
  } finally {
    await owner.close();
    await other.close();
    await a.close();
    await b.close();
    await redis.stop();
  }
  console.log(`other instance (store read + Redis pub/sub): re-attach → first replayed event ${fmt(firstReplayed)}; live event → follower ${fmt(live)}`);
}

async function detachedMemory(): Promise<void> {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const settle = async () => {
    for (let i = 0; i < 3; i += 1) {
      gc();
      await tick();
    }
  };
  const sources: ReturnType<typeof manualSource>[] = [];
  const hubs: RunHub[] = [];
  await settle();
  const before = process.memoryUsage().heapUsed;
  let eventCount = 0;
  for (let i = 0; i < DETACHED_RUNS; i += 1) {
    const source = manualSource();
    // A run detached mid-synthesis: everything but the last events has arrived, nobody follows.
    const events = realisticRun(`bench-detached-${i}`).slice(0, -20);
    hubs.push(new RunHub({ runId: `bench-detached-${i}`, events: source, cancel: () => undefined, graceMs: 600_000, clock: systemClock }));
    for (const event of events) source.push(event);
    eventCount += events.length;
    sources.push(source);
  }
  await tick();
  await settle();
  const after = process.memoryUsage().heapUsed;
  const perRun = (after - before) / DETACHED_RUNS;
  const jsonBytes = JSON.stringify(realisticRun('x').slice(0, -20)).length;
  console.log(
    `detached run waiting for its grace: ${(perRun / 1024).toFixed(1)} KiB of heap per run (${DETACHED_RUNS} runs, ` +
      `${(eventCount / DETACHED_RUNS).toFixed(0)} events each, ${(jsonBytes / 1024).toFixed(1)} KiB as JSON); ` +
      `held ${hubs.reduce((n, hub) => n + hub.eventCount, 0)} events`,
  );
  for (const source of sources) source.end();
  await Promise.all(hubs.map((hub) => hub.done));
}

export async function run(): Promise<void> {
  await localReattach();
  await remoteReattach();
  await detachedMemory();
}
