/**
 * The HTTP path: many concurrent councils through the real adapters (openai SDK, Anthropic SDK)
 * wrapped in withResilience, against the loopback fake upstream with scripted latencies.
 * Overhead = time to run.completed − the critical-path lower bound the script allows.
 * Goal (issue 4): overhead p50 < 15 ms and p99 < 50 ms at 100 concurrent councils; p50 latency at
 * 100 concurrent within 1.1× of a single council; upstream connections opened ≪ requests made.
 *
 * Two latency profiles: `tight` (tens of ms per stage: 100 councils = 900 HTTP calls in ~115 ms, which
 * measures raw per-call CPU cost) and `realistic` (the same script slowed 20×: seconds per council, as
 * real models are). The fake upstream runs in a child process (a real upstream does not share our
 * CPU; on a 2-core machine it still competes for the other core). BENCH_HTTP_INPROCESS=1 runs it here.
 * BENCH_HTTP_FETCH=pooled puts the SDKs on lib/providers/http/pooled-fetch.ts instead of the global fetch.
 * Each level also reports this process's CPU per upstream call (engine and providers, without Next, SSE or the
 * store); BENCH_HTTP_ALS=1 runs the councils inside AsyncLocalStorage contexts as the server does, and
 * BENCH_HTTP_PAD_WORDS (default 20) sets the words per answer, to tell per-token from per-call cost apart.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { systemClock } from '@/lib/council/clock';
import type { CouncilEvent } from '@/lib/council/events';
import { DEFAULT_POLICY } from '@/lib/council/policy';
import { quorumSize } from '@/lib/council/quorum-rule';
import { seededRandom } from '@/lib/council/random';
import { runCouncil } from '@/lib/council/run-council';
import { startFakeUpstream } from '@/tests/support/fake-upstream';
import { councilMemberBehaviour, type CouncilMemberScript } from '@/tests/support/fake-upstream/council-behaviour';
import { startCouncilUpstreamProcess, type CouncilUpstreamProcess } from '@/tests/support/fake-upstream/council-upstream-process';
import { httpCouncilModels } from '@/tests/support/fake-upstream/http-council';
import { createPooledFetch } from '@/lib/providers/http/pooled-fetch';

const MEMBERS = { m1: 'openai', m2: 'anthropic', m3: 'openai', m4: 'anthropic' } as const;
type Member = keyof typeof MEMBERS;
const IDS = Object.keys(MEMBERS) as Member[];
/** Per member, in the tight profile: time to first token of its answer, its ranking and (m1, the chairman) the synthesis. */
const LATENCY: Record<Member, { answer: number; ranking: number; synthesis: number }> = {
  m1: { answer: 40, ranking: 20, synthesis: 25 },
  m2: { answer: 42, ranking: 22, synthesis: 25 },
  m3: { answer: 44, ranking: 24, synthesis: 25 },
  m4: { answer: 46, ranking: 26, synthesis: 25 },
};
const TOKENS_PER_SECOND = 1_000;
const PAD_WORDS = Number(process.env.BENCH_HTTP_PAD_WORDS ?? 20);
const POLICY = { ...DEFAULT_POLICY, excludeSelf: true, lateRankings: 'keep' as const };
const LEVELS = (process.env.BENCH_HTTP_LEVELS ?? '1,10,100').split(',').map(Number);

interface Profile {
  name: string;
  /** Multiplies every latency (and divides the token rate). */
  scale: number;
  /** Councils measured per concurrency level (at least one round). */
  runs: number;
  /** Also measure ~100 councils in flight with staggered starts (only meaningful when the machine can sustain the rate). */
  staggered: boolean;
}
const PROFILES: Profile[] = [
  { name: 'tight', scale: 1, runs: Number(process.env.BENCH_HTTP_RUNS ?? 200), staggered: false },
  { name: 'realistic', scale: 20, runs: Number(process.env.BENCH_HTTP_REALISTIC_RUNS ?? 12), staggered: true },
].filter((p) => !process.env.BENCH_HTTP_PROFILE || p.name === process.env.BENCH_HTTP_PROFILE);

function memberScripts(scale: number): Record<string, CouncilMemberScript> {
  return Object.fromEntries(
    IDS.map((id) => {
      const l = LATENCY[id];
      const latencyMs = { answer: l.answer * scale, ranking: l.ranking * scale, synthesis: l.synthesis * scale };
      return [id, { latencyMs, preference: IDS, tokensPerSecond: TOKENS_PER_SECOND / scale, padWords: PAD_WORDS }];
    }),
  );
}

/** The earliest a council can end: slowest answer (streamed), then quorum of rankings + synthesis, or the last late ranking. */
function criticalPathMs(scale: number): number {
  const answerTokens = PAD_WORDS + 3; // "word " × PAD_WORDS + "answer from [mN]"
  const streamMs = ((answerTokens - 1) * 1000 * scale) / TOKENS_PER_SECOND;
  const stage1 = Math.max(...IDS.map((id) => LATENCY[id].answer)) * scale + streamMs;
  const judges = IDS.map((id) => LATENCY[id].ranking * scale).sort((a, b) => a - b);
  const quorumAt = judges[quorumSize(POLICY.quorum, judges.length) - 1];
  return stage1 + Math.max(quorumAt + LATENCY.m1.synthesis * scale, judges[judges.length - 1]);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The same scripted council served in this process, behind the child's interface. */
async function startInProcess(members: Record<string, CouncilMemberScript>): Promise<CouncilUpstreamProcess> {
  const upstream = await startFakeUpstream();
  for (const [id, script] of Object.entries(members)) upstream.setScript(id, councilMemberBehaviour(id, script));
  return {
    url: upstream.url,
    stats: async () => ({
      requests: upstream.requests.length,
      connectionsOpened: upstream.connectionsOpened,
      failed: upstream.requests.filter((r) => r.status !== 200).length,
    }),
    close: () => upstream.close(),
  };
}

async function runProfile(profile: Profile): Promise<void> {
  const inProcess = process.env.BENCH_HTTP_INPROCESS === '1';
  const members = memberScripts(profile.scale);
  const upstream = inProcess ? await startInProcess(members) : await startCouncilUpstreamProcess(members);
  // Built once and shared by every run, as the server does: one client, pool, limiter and bulkhead per provider.
  const pooled = process.env.BENCH_HTTP_FETCH === 'pooled' ? createPooledFetch() : undefined;
  const model = httpCouncilModels({ url: upstream.url, members: { ...MEMBERS }, fetch: pooled?.fetch });
  let seq = 0;

  async function oneCouncil(): Promise<number> {
    const n = ++seq;
    const input = { runId: `bench-${n}`, question: 'Why is the sky blue?', tier: 'bench', members: IDS, chairman: 'm1', fallbackChairmen: ['m2'], policy: POLICY };
    const started = performance.now();
    let last: CouncilEvent | undefined;
    for await (const event of runCouncil(input, { model, clock: systemClock, random: seededRandom(n) })) last = event;
    const ms = performance.now() - started;
    if (last?.type !== 'run.completed') throw new Error(`council ${n} ended with ${last?.type}: ${JSON.stringify(last)}`);
    return ms;
  }

  const bound = criticalPathMs(profile.scale);

  /** The same load without the thundering herd: starts spread evenly over one critical path, so ~`count` are in flight. */
  async function runStaggered(count: number): Promise<void> {
    const before = await upstream.stats();
    const latencies = (
      await Promise.all(
        Array.from({ length: count }, async (_, i) => {
          await new Promise((resolve) => setTimeout(resolve, (i * bound) / count));
          return oneCouncil();
        }),
      )
    ).sort((a, b) => a - b);
    const after = await upstream.stats();
    console.log(
      `~${count} in flight, staggered starts: latency p50 ${percentile(latencies, 50).toFixed(1)} ms  ` +
        `overhead p50 ${(percentile(latencies, 50) - bound).toFixed(2)} ms  p99 ${(percentile(latencies, 99) - bound).toFixed(2)} ms  ` +
        `upstream: ${after.requests - before.requests} requests over ${after.connectionsOpened - before.connectionsOpened} new TCP connections`,
    );
  }
  console.log(
    `\n[${profile.name}] 4-member councils (2 OpenAI-compatible, 2 Anthropic) over loopback HTTP, fake upstream ` +
      `${inProcess ? 'in process' : 'in a child process'}, ${pooled ? 'pooled node:http fetch' : 'global fetch'}; critical path ${bound.toFixed(1)} ms`,
  );
  const p50ByLevel = new Map<number, number>();
  try {
    await Promise.all(Array.from({ length: 10 }, oneCouncil)); // warm-up: JIT, connection pool
    for (const level of LEVELS) {
      const before = await upstream.stats();
      const cpuBefore = process.cpuUsage();
      const rounds = Math.max(1, Math.ceil(profile.runs / level));
      const latencies: number[] = [];
      for (let r = 0; r < rounds; r++) latencies.push(...(await Promise.all(Array.from({ length: level }, oneCouncil))));
      latencies.sort((a, b) => a - b);
      const overheads = latencies.map((ms) => ms - bound);
      p50ByLevel.set(level, percentile(latencies, 50));
      const after = await upstream.stats();
      const cpu = process.cpuUsage(cpuBefore);
      const cpuPerCall = (cpu.user + cpu.system) / 1000 / Math.max(1, after.requests - before.requests);
      console.log(
        `${String(level).padStart(3)} concurrent × ${rounds} rounds: latency p50 ${percentile(latencies, 50).toFixed(1)} ms  ` +
          `overhead p50 ${percentile(overheads, 50).toFixed(2)} ms  p99 ${percentile(overheads, 99).toFixed(2)} ms  ` +
          `CPU ${cpuPerCall.toFixed(2)} ms per upstream call  ` +
          `upstream: ${after.requests - before.requests} requests over ${after.connectionsOpened - before.connectionsOpened} new TCP connections`,
      );
    }
    const top = Math.max(...LEVELS);
    if (profile.staggered) await runStaggered(top);
    const single = p50ByLevel.get(1);
    if (single !== undefined && top > 1) console.log(`p50 latency at ${top} concurrent / at 1: ${(p50ByLevel.get(top)! / single).toFixed(3)}×`);
    const totals = await upstream.stats();
    console.log(`upstream totals: ${totals.requests} requests, ${totals.connectionsOpened} TCP connections opened, ${totals.failed} non-200 answers`);
  } finally {
    pooled?.close();
    await upstream.close();
  }
}

/**
 * Next runs every route handler inside several AsyncLocalStorage contexts, which turns on Node's promise hooks
 * for every promise. BENCH_HTTP_ALS=1 runs the councils inside six, as in the server.
 */
function insideStores<T>(fn: () => Promise<T>): Promise<T> {
  if (!process.env.BENCH_HTTP_ALS) return fn();
  const stores = Array.from({ length: 6 }, () => new AsyncLocalStorage<object>());
  return stores.reduce<() => Promise<T>>((inner, store) => () => store.run({}, inner), fn)();
}

export async function run(): Promise<void> {
  for (const profile of PROFILES) await insideStores(() => runProfile(profile));
}
