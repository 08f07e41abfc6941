/**
 * Engine overhead: many councils in-process on the real clock, with scripted latencies in the tens
 * of ms. Overhead = time to run.completed − the critical-path lower bound the script allows.
 * Goal (issue 3): p50 < 5 ms, p99 < 20 ms. Councils run one at a time so that they measure the
 * engine, not each other.
 */
import type { ChatRequest } from '@/lib/council/chat-model';
import { systemClock } from '@/lib/council/clock';
import type { CouncilInput } from '@/lib/council/council-input';
import type { CouncilEvent } from '@/lib/council/events';
import { DEFAULT_POLICY, type CouncilPolicy } from '@/lib/council/policy';
import { quorumSize } from '@/lib/council/quorum-rule';
import { seededRandom } from '@/lib/council/random';
import { runCouncil } from '@/lib/council/run-council';
import { median, stragglerThreshold } from '@/lib/council/straggler-rule';
import { rankingReply, roleOf, ScriptedCouncil, type ModelBehaviour } from '@/tests/support/scripted-model';

interface Scenario {
  name: string;
  /** Per member: stage-1 latency in ms, or 'fail' (fails after that many ms). */
  answers: (number | { failAt: number })[];
  judges: number[];
  chairmanMs: number;
  lateRankings: CouncilPolicy['lateRankings'];
}

const POLICY: CouncilPolicy = {
  ...DEFAULT_POLICY,
  straggler: { factor: 1.5, floorMs: 20 },
  quorum: 0.5,
  excludeSelf: true,
};

const SCENARIOS: Scenario[] = [
  { name: 'even latencies', answers: [30, 32, 34, 36], judges: [15, 16, 17, 18], chairmanMs: 20, lateRankings: 'keep' },
  { name: 'one straggler', answers: [30, 32, 34, 1_000], judges: [15, 16, 17], chairmanMs: 20, lateRankings: 'keep' },
  { name: 'one failing member', answers: [30, 32, 34, { failAt: 10 }], judges: [15, 16, 17], chairmanMs: 20, lateRankings: 'keep' },
  { name: 'late rankings (keep)', answers: [30, 32, 34, 36], judges: [10, 12, 60, 80], chairmanMs: 20, lateRankings: 'keep' },
  { name: 'late rankings (cancel)', answers: [30, 32, 34, 36], judges: [10, 12, 60, 80], chairmanMs: 20, lateRankings: 'cancel' },
];

const RUNS = Number(process.env.BENCH_ENGINE_RUNS ?? 100);

/** The earliest the run could end given the script: stage 1 end + stage 2 quorum + chairman (or the last late judge). */
export function criticalPathMs(s: Scenario): number {
  const ok = s.answers.filter((a): a is number => typeof a === 'number').sort((a, b) => a - b);
  const k = stragglerThreshold(s.answers.length);
  const cutAt = ok.length >= k ? ok[k - 1] + Math.max(POLICY.straggler.floorMs, POLICY.straggler.factor * median(ok.slice(0, k))) : Infinity;
  const failures = s.answers.filter((a): a is { failAt: number } => typeof a !== 'number').map((a) => a.failAt);
  const stage1 = Math.min(Math.max(...ok, ...failures), cutAt);
  const judges = [...s.judges].sort((a, b) => a - b);
  const quorumAt = judges[quorumSize(POLICY.quorum, judges.length) - 1];
  const stage3 = quorumAt + s.chairmanMs;
  return stage1 + (s.lateRankings === 'keep' ? Math.max(stage3, judges[judges.length - 1]) : stage3);
}

function setup(s: Scenario, seed: number, zeroLatency = false) {
  const ids = s.answers.map((_, i) => `m${i + 1}`);
  const judgeLatency = new Map(ids.filter((_, i) => typeof s.answers[i] === 'number').map((id, i) => [id, s.judges[i]]));
  const scripts = Object.fromEntries(
    ids.map((id, i) => [
      id,
      (request: ChatRequest): ModelBehaviour => {
        const answer = s.answers[i];
        const at = (ms: number) => (zeroLatency ? 0 : ms);
        const role = roleOf(request);
        if (role === 'answer') {
          if (typeof answer !== 'number') return { fail: { reason: 'http_500' }, firstTokenMs: at(answer.failAt) };
          const reply = zeroLatency ? 'word '.repeat(200) + `answer from [${id}]` : undefined;
          return { reply, firstTokenMs: at(answer), tokensPerSecond: Infinity };
        }
        if (role === 'ranking') return { reply: rankingReply(request, ids), firstTokenMs: at(judgeLatency.get(id) ?? 10), tokensPerSecond: Infinity };
        return { reply: 'the final answer', firstTokenMs: at(s.chairmanMs), tokensPerSecond: Infinity };
      },
    ]),
  );
  const council = new ScriptedCouncil(systemClock, scripts);
  const input: CouncilInput = {
    runId: `bench-${seed}`,
    question: 'Why is the sky blue?',
    tier: 'bench',
    members: ids,
    chairman: ids[0],
    fallbackChairmen: [],
    policy: { ...POLICY, lateRankings: s.lateRankings },
  };
  return { input, deps: { model: council.model, clock: systemClock, random: seededRandom(seed) } };
}

async function timeRun(s: Scenario, seed: number, zeroLatency = false): Promise<{ ms: number; events: number }> {
  const { input, deps } = setup(s, seed, zeroLatency);
  const started = performance.now();
  let last: CouncilEvent | undefined;
  let events = 0;
  for await (const event of runCouncil(input, deps)) {
    last = event;
    events += 1;
  }
  const ms = performance.now() - started;
  if (last?.type !== 'run.completed') throw new Error(`${s.name}: run ended with ${last?.type}`);
  return { ms, events };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function run(): Promise<void> {
  console.log(`${RUNS} councils per scenario, one at a time, real clock; overhead = time to run.completed − critical path`);
  for (const s of SCENARIOS) {
    const bound = criticalPathMs(s);
    const overheads: number[] = [];
    let events = 0;
    let wall = 0;
    for (let i = 0; i < RUNS; i++) {
      const r = await timeRun(s, i);
      overheads.push(r.ms - bound);
      events += r.events;
      wall += r.ms;
    }
    overheads.sort((a, b) => a - b);
    console.log(
      `${s.name.padEnd(24)} bound ${String(bound).padStart(4)} ms  overhead p50 ${percentile(overheads, 50).toFixed(2)} ms  ` +
        `p99 ${percentile(overheads, 99).toFixed(2)} ms  events/s ${Math.round(events / (wall / 1000))}`,
    );
  }
  // Engine throughput with no model latency at all: 200-token answers on microtasks only.
  let events = 0;
  const started = performance.now();
  for (let i = 0; i < RUNS; i++) events += (await timeRun(SCENARIOS[0], i, true)).events;
  const seconds = (performance.now() - started) / 1000;
  console.log(`zero-latency councils     ${Math.round(RUNS / seconds)} runs/s  ${Math.round(events / seconds)} events/s (engine-bound)`);
}
