/**
 * The HTTP path: many concurrent councils through the real adapters (openai SDK, Anthropic SDK)
 * wrapped in withResilience, against the loopback fake upstream with scripted latencies.
 * Overhead = time to run.completed − the critical-path lower bound the script allows.
 * Goal (issue 4): overhead p50 < 15 ms and p99 < 50 ms at 100 concurrent councils; p50 latency at
 * 100 concurrent within 1.1× of a single council; upstream connections opened ≪ requests made.
 * The fake upstream runs in this same process, so its work counts against us: a pessimistic figure.
 */
import { systemClock } from '@/lib/council/clock';
import type { CouncilEvent } from '@/lib/council/events';
import { DEFAULT_POLICY } from '@/lib/council/policy';
import { quorumSize } from '@/lib/council/quorum-rule';
import { seededRandom } from '@/lib/council/random';
import { runCouncil } from '@/lib/council/run-council';
import { startFakeUpstream } from '@/tests/support/fake-upstream';
import { councilMemberBehaviour } from '@/tests/support/fake-upstream/council-behaviour';
import { httpCouncilModels } from '@/tests/support/fake-upstream/http-council';

const MEMBERS = { m1: 'openai', m2: 'anthropic', m3: 'openai', m4: 'anthropic' } as const;
const IDS = Object.keys(MEMBERS);
/** Per member: time to first token for its answer, its ranking and (m1, the chairman) the synthesis. */
const LATENCY = {
  m1: { answer: 40, ranking: 20, synthesis: 25 },
  m2: { answer: 42, ranking: 22, synthesis: 25 },
  m3: { answer: 44, ranking: 24, synthesis: 25 },
  m4: { answer: 46, ranking: 26, synthesis: 25 },
};
const TOKENS_PER_SECOND = 1_000;
const PAD_WORDS = 20;
const POLICY = { ...DEFAULT_POLICY, excludeSelf: true, lateRankings: 'keep' as const };
const LEVELS = (process.env.BENCH_HTTP_LEVELS ?? '1,10,100').split(',').map(Number);
const RUNS_PER_LEVEL = Number(process.env.BENCH_HTTP_RUNS ?? 300);

/** The earliest a council can end given the script: slowest answer (streamed), then quorum of rankings + synthesis, or the last late ranking. */
function criticalPathMs(): number {
  const answerTokens = PAD_WORDS + 3; // "word " × PAD_WORDS + "answer from [mN]"
  const streamMs = ((answerTokens - 1) * 1000) / TOKENS_PER_SECOND;
  const stage1 = Math.max(...IDS.map((id) => LATENCY[id as keyof typeof LATENCY].answer)) + streamMs;
  const judges = IDS.map((id) => LATENCY[id as keyof typeof LATENCY].ranking).sort((a, b) => a - b);
  const quorumAt = judges[quorumSize(POLICY.quorum, judges.length) - 1];
  return stage1 + Math.max(quorumAt + LATENCY.m1.synthesis, judges[judges.length - 1]);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export async function run(): Promise<void> {
  const upstream = await startFakeUpstream();
  for (const id of IDS) {
    upstream.setScript(
      id,
      councilMemberBehaviour(id, {
        latencyMs: LATENCY[id as keyof typeof LATENCY],
        preference: IDS,
        tokensPerSecond: TOKENS_PER_SECOND,
        padWords: PAD_WORDS,
      }),
    );
  }
  // Built once and shared by every run, as the server does: one client, pool, limiter and bulkhead per provider.
  const model = httpCouncilModels({ url: upstream.url, members: { ...MEMBERS } });
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

  const bound = criticalPathMs();
  console.log(`4-member councils (2 OpenAI-compatible, 2 Anthropic) over loopback HTTP; critical path ${bound.toFixed(1)} ms`);
  await Promise.all(Array.from({ length: 10 }, oneCouncil)); // warm-up: JIT, connection pool

  const p50ByLevel = new Map<number, number>();
  try {
    for (const level of LEVELS) {
      const requestsBefore = upstream.requests.length;
      const connectionsBefore = upstream.connectionsOpened;
      const rounds = Math.max(1, Math.ceil(RUNS_PER_LEVEL / level));
      const latencies: number[] = [];
      for (let r = 0; r < rounds; r++) latencies.push(...(await Promise.all(Array.from({ length: level }, oneCouncil))));
      latencies.sort((a, b) => a - b);
      const overheads = latencies.map((ms) => ms - bound);
      p50ByLevel.set(level, percentile(latencies, 50));
      const requests = upstream.requests.length - requestsBefore;
      const connections = upstream.connectionsOpened - connectionsBefore;
      console.log(
        `${String(level).padStart(3)} concurrent × ${rounds} rounds: latency p50 ${percentile(latencies, 50).toFixed(1)} ms  ` +
          `overhead p50 ${percentile(overheads, 50).toFixed(2)} ms  p99 ${percentile(overheads, 99).toFixed(2)} ms  ` +
          `max ${overheads[overheads.length - 1].toFixed(2)} ms  upstream: ${requests} requests over ${connections} new TCP connections`,
      );
    }
    const single = p50ByLevel.get(1);
    const top = Math.max(...LEVELS);
    if (single !== undefined && top > 1) {
      console.log(`p50 latency at ${top} concurrent / at 1: ${(p50ByLevel.get(top)! / single).toFixed(3)}×`);
    }
    console.log(`upstream totals: ${upstream.requests.length} requests, ${upstream.connectionsOpened} TCP connections opened`);
  } finally {
    await upstream.close();
  }
}
