/**
 * The product as users run it: `next start` (a production build must exist: `npm run build`) with the default
 * config apart from two providers pointed at the loopback fake upstream (a child process), councils of 4 with a
 * chairman posted to /api/council and read as SSE. Figures (DESIGN.md §9, issue 10):
 * - one run at a time: time to run.completed over the critical-path bound;
 * - 100 councils at once: p50 / p99 as a ratio of the bound, errors, calls that queued (timing.queuedMs > 0);
 * - CPU of the server process per upstream call over that load (/proc utime + stime of the server's tree);
 * - event latency: an upstream call's last byte → its member.completed at the SSE client (p50 / p99), and the
 *   first token written upstream → the first member.delta at the client;
 * - one member at its rate limit (a per-model window on the fake upstream): run times against the straggler bound.
 * BENCH_NEXT_SCALE (default 20) multiplies the scripted latencies; BENCH_NEXT_LEVEL (default 100) sets the load;
 * BENCH_NEXT_ONLY=load skips the rate-limit scenario; BENCH_NEXT_PAD_WORDS (default 20) sets the words per answer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createParser } from 'eventsource-parser';
import { DEFAULT_POLICY } from '@/lib/council/policy';
import { RANKING_SYSTEM_PROMPT, SYNTHESIS_SYSTEM_PROMPT } from '@/lib/council/prompts';
import type { CouncilMemberScript } from '@/tests/support/fake-upstream/council-behaviour';
import {
  startCouncilUpstreamProcess,
  type CouncilUpstreamProcess,
  type UpstreamRequestTiming,
} from '@/tests/support/fake-upstream/council-upstream-process';

const root = path.resolve(__dirname, '..');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const SCALE = Number(process.env.BENCH_NEXT_SCALE ?? 20);
const LEVEL = Number(process.env.BENCH_NEXT_LEVEL ?? 100);
const SINGLE_RUNS = Number(process.env.BENCH_NEXT_SINGLE_RUNS ?? 8);
const IDS = ['m1', 'm2', 'm3', 'm4'] as const;
const PROVIDER_OF: Record<string, string> = { m1: 'bench-openai', m2: 'bench-anthropic', m3: 'bench-openai', m4: 'bench-anthropic' };
const LATENCY: Record<string, { answer: number; ranking: number; synthesis: number }> = {
  m1: { answer: 40, ranking: 20, synthesis: 25 },
  m2: { answer: 42, ranking: 22, synthesis: 25 },
  m3: { answer: 44, ranking: 24, synthesis: 25 },
  m4: { answer: 46, ranking: 26, synthesis: 25 },
};
const TOKENS_PER_SECOND = 1_000;
const PAD_WORDS = Number(process.env.BENCH_NEXT_PAD_WORDS ?? 20);
const ROLE_OF_STAGE = { 1: 'answer', 2: 'ranking', 3: 'synthesis' } as const;

function scripts(rateLimited?: string): Record<string, CouncilMemberScript> {
  return Object.fromEntries(
    IDS.map((id) => {
      const l = LATENCY[id];
      const script: CouncilMemberScript = {
        latencyMs: { answer: l.answer * SCALE, ranking: l.ranking * SCALE, synthesis: l.synthesis * SCALE },
        preference: [...IDS],
        tokensPerSecond: TOKENS_PER_SECOND / SCALE,
        padWords: PAD_WORDS,
        ...(id === rateLimited ? { rateLimit: { requests: 3, windowMs: 60_000, style: 'openai' as const } } : {}),
      };
      return [id, script];
    }),
  );
}

/** Slowest streamed answer, then the quorum of rankings (2 of 4) + synthesis, or the last late ranking. */
function criticalPathMs(): number {
  const streamMs = ((PAD_WORDS + 3 - 1) * 1000 * SCALE) / TOKENS_PER_SECOND;
  const stage1 = Math.max(...IDS.map((id) => LATENCY[id].answer)) * SCALE + streamMs;
  const judges = IDS.map((id) => LATENCY[id].ranking * SCALE).sort((a, b) => a - b);
  return stage1 + Math.max(judges[1] + LATENCY.m1.synthesis * SCALE, judges[3]);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

const wallNow = () => performance.timeOrigin + performance.now();

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** CPU seconds (user + system) of a process and its descendants, from /proc (Linux). */
function treeCpuMs(pid: number): number {
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const parent = Number(fields[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const stack = [pid];
  while (stack.length > 0) {
    const current = stack.pop() as number;
    try {
      const stat = readFileSync(`/proc/${current}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
    } catch {
      // Gone.
    }
    stack.push(...(children.get(current) ?? []));
  }
  return total;
}

interface Server {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function startServer(upstreamUrl: string): Promise<Server> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'quorum-bench-'));
  const config = {
    providers: [
      { id: 'bench-openai', kind: 'openai-compatible', baseURL: `${upstreamUrl}/api/v1`, apiKeyEnv: 'BENCH_OPENAI_KEY' },
      { id: 'bench-anthropic', kind: 'anthropic', baseURL: upstreamUrl, apiKeyEnv: 'BENCH_ANTHROPIC_KEY' },
    ],
    models: IDS.map((id) => ({ id, provider: PROVIDER_OF[id], model: id })),
    tiers: [{ id: 'bench', label: 'Bench', description: 'fake upstream', council: [...IDS], chairman: 'm1', fallbackChairmen: ['m2'], excludeSelf: true, lateRankings: 'keep' }],
    defaultTier: 'bench',
  };
  writeFileSync(path.join(dir, 'quorum.json'), JSON.stringify(config));
  const port = await freePort();
  const env = { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', QUORUM_CONFIG: path.join(dir, 'quorum.json'), QUORUM_DATA_DIR: dir, BENCH_OPENAI_KEY: 'sk-bench', BENCH_ANTHROPIC_KEY: 'sk-bench', OPENROUTER_API_KEY: 'sk\x2dunused-built-in-tiers' } as NodeJS.ProcessEnv;
  // e.g. BENCH_NEXT_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server (and any child it forks).
  if (process.env.BENCH_NEXT_NODE_OPTIONS) env.NODE_OPTIONS = process.env.BENCH_NEXT_NODE_OPTIONS;
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const child = spawn(process.execPath, [...(process.env.BENCH_NEXT_NODE_ARGS?.split(' ').filter(Boolean) ?? []), nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}); run npm run build first`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error('next start did not become healthy within 60 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    child,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface MemberSeen {
  stage: 1 | 2 | 3;
  model: string;
  type: string;
  receivedWall: number;
  queuedMs: number;
  reason?: string;
}

interface RunResult {
  n: number;
  ms: number;
  terminal: string;
  members: MemberSeen[];
  firstDeltaWall: Map<string, number>;
  /** When the POST was sent and when its terminal event arrived (wall clock). */
  postWall: number;
  endWall: number;
}

let runCounter = 0;
/** The stage and model of a member.delta, read without parsing it (the engine writes them in this order). */
const DELTA_KEY = /"stage":(\d),"model":"([^"]+)"/;

async function oneRun(url: string): Promise<RunResult> {
  const n = ++runCounter;
  const started = performance.now();
  const postWall = wallNow();
  let endWall = NaN;
  const response = await fetch(`${url}/api/council`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ question: `Why is the sky blue? (bench run ${n})`, tier: 'bench' }),
  });
  const members: MemberSeen[] = [];
  const firstDeltaWall = new Map<string, number>();
  let terminal = `http_${response.status}`;
  if (!response.ok || !response.body) return { n, ms: performance.now() - started, terminal, members, firstDeltaWall, postWall, endWall };
  const parser = createParser({
    onEvent(message) {
      const receivedWall = wallNow();
      // The client stands for a hundred browsers on other machines: it spends as little of this machine's CPU
      // as it can, parsing a delta only when it is the first of its member's call.
      if (message.event === 'member.delta') {
        const key = DELTA_KEY.exec(message.data);
        if (key && firstDeltaWall.has(`${key[1]}:${key[2]}`)) return;
      }
      const data = JSON.parse(message.data) as { stage: 1 | 2 | 3; model: string; reason?: string; timing?: { queuedMs?: number } };
      if (message.event === 'member.completed' || message.event === 'member.failed') {
        members.push({ stage: data.stage, model: data.model, type: message.event, receivedWall, queuedMs: data.timing?.queuedMs ?? 0, reason: data.reason });
      } else if (message.event === 'member.delta') {
        const key = `${data.stage}:${data.model}`;
        if (!firstDeltaWall.has(key)) firstDeltaWall.set(key, receivedWall);
      } else if (message.event?.startsWith('run.') && message.event !== 'run.started') {
        terminal = message.event;
        endWall = receivedWall;
      }
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of response.body) parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
  return { n, ms: performance.now() - started, terminal, members, firstDeltaWall, postWall, endWall };
}

/** Upstream last byte → member.completed, and upstream first token → first member.delta, per call. */
function eventLatencies(runs: RunResult[], timings: UpstreamRequestTiming[]): { completed: number[]; firstDelta: number[] } {
  const byKey = new Map<string, UpstreamRequestTiming>();
  for (const t of timings) {
    const run = /bench run (\d+)/.exec(t.body)?.[1];
    if (run && t.status === 200) byKey.set(`${run}|${t.model}|${roleOfBody(t.body)}`, t);
  }
  const completed: number[] = [];
  const firstDelta: number[] = [];
  for (const run of runs) {
    for (const m of run.members) {
      if (m.type !== 'member.completed') continue;
      const upstream = byKey.get(`${run.n}|${m.model}|${ROLE_OF_STAGE[m.stage]}`);
      if (upstream?.endedWall) completed.push(m.receivedWall - upstream.endedWall);
      const delta = run.firstDeltaWall.get(`${m.stage}:${m.model}`);
      if (upstream && delta !== undefined) {
        const firstTokenAt = upstream.arrivedWall + LATENCY[m.model][ROLE_OF_STAGE[m.stage]] * SCALE;
        firstDelta.push(delta - firstTokenAt);
      }
    }
  }
  return { completed, firstDelta };
}

/** The stage of an upstream request, told apart as the fake upstream does: by the system prompt it carries. */
function roleOfBody(body: string): 'answer' | 'ranking' | 'synthesis' {
  if (body.includes(JSON.stringify(RANKING_SYSTEM_PROMPT).slice(1, 60))) return 'ranking';
  if (body.includes(JSON.stringify(SYNTHESIS_SYSTEM_PROMPT).slice(1, 60))) return 'synthesis';
  return 'answer';
}

/**
 * Per single run, what lies between the stages on our side: the last answer's last upstream byte → the first
 * ranking request, and the quorum-making ranking's last byte → the synthesis request (2 of 4 rankings).
 */
function stageGaps(
  runs: RunResult[],
  timings: UpstreamRequestTiming[],
): { toRanking: number[]; toSynthesis: number[]; toFirstRequest: number[]; toRunCompleted: number[] } {
  const byRun = new Map<string, UpstreamRequestTiming[]>();
  for (const t of timings) {
    const run = /bench run (\d+)/.exec(t.body)?.[1];
    if (run && t.status === 200) byRun.set(run, [...(byRun.get(run) ?? []), t]);
  }
  const toRanking: number[] = [];
  const toSynthesis: number[] = [];
  const toFirstRequest: number[] = [];
  const toRunCompleted: number[] = [];
  for (const run of runs) {
    const calls = byRun.get(String(run.n)) ?? [];
    const of = (role: string) => calls.filter((c) => roleOfBody(c.body) === role);
    const answersEnd = Math.max(...of('answer').map((c) => c.endedWall ?? Infinity));
    const rankingsStart = Math.min(...of('ranking').map((c) => c.arrivedWall));
    const rankingEnds = of('ranking').map((c) => c.endedWall ?? Infinity).sort((a, b) => a - b);
    const synthesis = of('synthesis')[0];
    if (Number.isFinite(answersEnd) && Number.isFinite(rankingsStart)) toRanking.push(rankingsStart - answersEnd);
    if (synthesis && rankingEnds.length >= 2) toSynthesis.push(synthesis.arrivedWall - rankingEnds[1]);
    const firstAnswer = Math.min(...of('answer').map((c) => c.arrivedWall));
    if (Number.isFinite(firstAnswer)) toFirstRequest.push(firstAnswer - run.postWall);
    const lastByte = Math.max(...calls.map((c) => c.endedWall ?? -Infinity));
    if (Number.isFinite(lastByte) && Number.isFinite(run.endWall)) toRunCompleted.push(run.endWall - lastByte);
  }
  return { toRanking, toSynthesis, toFirstRequest, toRunCompleted };
}

function summary(label: string, runs: RunResult[], bound: number): void {
  const ms = runs.map((r) => r.ms);
  const errors = runs.filter((r) => r.terminal !== 'run.completed').length;
  const calls = runs.flatMap((r) => r.members);
  const queued = calls.filter((m) => m.queuedMs > 0);
  console.log(
    `${label}: ${runs.length} runs, p50 ${percentile(ms, 50).toFixed(0)} ms (${(percentile(ms, 50) / bound).toFixed(3)}×, +${(percentile(ms, 50) - bound).toFixed(0)} ms)  ` +
      `p99 ${percentile(ms, 99).toFixed(0)} ms (${(percentile(ms, 99) / bound).toFixed(3)}×)  errors ${errors}  ` +
      `queued calls ${queued.length}/${calls.length} (max ${queued.length ? Math.max(...queued.map((m) => m.queuedMs)).toFixed(0) : 0} ms)`,
  );
}

async function scenario(name: string, body: (server: Server, upstream: CouncilUpstreamProcess) => Promise<void>, rateLimited?: string) {
  const upstream = await startCouncilUpstreamProcess(scripts(rateLimited));
  let server: Server | undefined;
  try {
    server = await startServer(upstream.url);
    console.log(`\n[${name}] next start, default config, scale ${SCALE}`);
    await body(server, upstream);
  } finally {
    await server?.stop();
    await upstream.close();
  }
}

export async function run(): Promise<void> {
  const bound = criticalPathMs();
  console.log(`councils of 4 (2 OpenAI-compatible, 2 Anthropic) + chairman; critical path ${bound.toFixed(0)} ms`);
  await scenario('load', async (server, upstream) => {
    await Promise.all(Array.from({ length: 4 }, () => oneRun(server.url))); // warm-up: routes compiled, pools open
    const single: RunResult[] = [];
    for (let i = 0; i < SINGLE_RUNS; i++) single.push(await oneRun(server.url));
    summary('1 at a time', single, bound);
    // The first burst opens every connection at once (the bench's client to the server, the server to the
    // upstream: hundreds of connects on a busy machine). It is reported, then measured again over warm
    // connections, as a server in use would hold them.
    const coldCalls = (await upstream.stats()).requests;
    const coldCpu = treeCpuMs(server.child.pid as number);
    summary(`${LEVEL} at once, cold connections`, await Promise.all(Array.from({ length: LEVEL }, () => oneRun(server.url))), bound);
    const coldCpuMs = treeCpuMs(server.child.pid as number) - coldCpu;
    console.log(`server CPU over the cold ${LEVEL}: ${(coldCpuMs / ((await upstream.stats()).requests - coldCalls)).toFixed(2)} ms per upstream call`);
    const before = await upstream.stats();
    const cpuBefore = treeCpuMs(server.child.pid as number);
    const concurrent = await Promise.all(Array.from({ length: LEVEL }, () => oneRun(server.url)));
    const cpuMs = treeCpuMs(server.child.pid as number) - cpuBefore;
    const after = await upstream.stats();
    summary(`${LEVEL} at once`, concurrent, bound);
    const calls = after.requests - before.requests;
    console.log(`server CPU over the ${LEVEL} at once: ${cpuMs.toFixed(0)} ms for ${calls} upstream calls = ${(cpuMs / calls).toFixed(2)} ms per call`);
    const latencies = eventLatencies([...single, ...concurrent], (await upstream.timings?.()) ?? []);
    const singleLat = eventLatencies(single, (await upstream.timings?.()) ?? []);
    const fmt = (values: number[]) => `p50 ${percentile(values, 50).toFixed(1)} ms  p99 ${percentile(values, 99).toFixed(1)} ms (n=${values.length})`;
    console.log(`upstream last byte → member.completed at the client: one at a time ${fmt(singleLat.completed)}; all ${fmt(latencies.completed)}`);
    const gaps = stageGaps(single, (await upstream.timings?.()) ?? []);
    console.log(`between stages, one at a time: last answer byte → first ranking request ${fmt(gaps.toRanking)}; quorum ranking's last byte → synthesis request ${fmt(gaps.toSynthesis)}`);
    console.log(`one at a time: POST sent → first upstream request ${fmt(gaps.toFirstRequest)}; last upstream byte → run.completed at the client ${fmt(gaps.toRunCompleted)}`);
    console.log(`upstream first token → first member.delta at the client: one at a time ${fmt(singleLat.firstDelta)}; all ${fmt(latencies.firstDelta)}`);
    // With every POST sent at once, the spread of first requests is the cost of starting a run, paid in series.
    const loadGaps = stageGaps(concurrent, (await upstream.timings?.()) ?? []);
    console.log(`${LEVEL} at once: POST sent → first upstream request ${fmt(loadGaps.toFirstRequest)}; last answer byte → first ranking request ${fmt(loadGaps.toRanking)}; quorum ranking → synthesis ${fmt(loadGaps.toSynthesis)}`);
  });
  if (process.env.BENCH_NEXT_ONLY === 'load') return;
  await scenario(
    'one member at its rate limit (m3: 3 requests a minute, same provider as m1)',
    async (server) => {
      const runs: RunResult[] = [];
      for (let i = 0; i < 5; i++) runs.push(await oneRun(server.url));
      const stragglerBound = bound + DEFAULT_POLICY.straggler.floorMs;
      for (const r of runs) {
        const m3 = r.members.filter((m) => m.model === 'm3').map((m) => `s${m.stage} ${m.type === 'member.completed' ? 'ok' : m.reason}${m.queuedMs ? ` queued ${m.queuedMs.toFixed(0)}` : ''}`);
        const others = r.members.filter((m) => m.model !== 'm3' && m.queuedMs > 0).length;
        console.log(`  run ${r.n}: ${r.ms.toFixed(0)} ms (straggler bound ${stragglerBound.toFixed(0)} ms) ${r.terminal}; m3: ${m3.join(', ') || 'none'}; other calls queued: ${others}`);
      }
    },
    'm3',
  );
}
