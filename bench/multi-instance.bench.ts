/**
 * Two instances' resilience state shared through Redis (DESIGN.md §7). Each "instance" is a CouncilService built
 * by the server's own wiring (createCouncilService) with its own Redis connection — as two processes would have —
 * both against one loopback fake upstream whose models share a rate limit (a fixed window, with the vendor's
 * headers and 429s past it). 100 councils are split across the two and started over one critical path.
 * Reported: latency over the critical-path bound (p50/p99), upstream 429s and the member failures they caused,
 * with Redis and with in-process state only; then the time Redis adds per upstream call (breaker admit + the
 * limiter's shared hold), p50/p99, against the in-process breaker and limiter.
 */
import { CircuitBreaker, ProviderLimiter, SharedViewLimiter, type CircuitGate, type RateLimiter } from '@/lib/providers/resilience';
import { parseEnv } from '@/lib/config/env';
import { buildConfig } from '@/lib/config/build-config';
import { openRedisConnection, type RedisConnection } from '@/lib/redis/redis-connection';
import { RedisRateLimitPauses } from '@/lib/redis/redis-rate-limit-pauses';
import { SharedCircuitBreaker } from '@/lib/redis/shared-circuit-breaker';
import { createCouncilService } from '@/lib/server/create-council-service';
import { startFakeUpstream } from '@/tests/support/fake-upstream';
import { councilMemberBehaviour } from '@/tests/support/fake-upstream/council-behaviour';
import { redisServerAvailable, startTestRedis } from '@/tests/support/redis-server';

const IDS = ['m1', 'm2', 'm3'];
const LATENCY = { answer: 300, ranking: 150, synthesis: 150 };
const COUNCILS = Number(process.env.BENCH_MULTI_COUNCILS ?? 100);
/** Per model, one window shared by both instances (as one account): 100 councils make ~230 calls per model. */
const RATE_LIMIT = { requests: Number(process.env.BENCH_MULTI_LIMIT ?? 40), windowMs: 1_000, style: 'openai' as const };
const BOUND_MS = LATENCY.answer + LATENCY.ranking + LATENCY.synthesis;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function ready(connection: RedisConnection): Promise<void> {
  for (let i = 0; i < 250 && !connection.ready(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function twoInstances(redisUrl: string | null): Promise<void> {
  const upstream = await startFakeUpstream();
  for (const id of IDS) upstream.setScript(id, { ...councilMemberBehaviour(id, { latencyMs: LATENCY, preference: IDS }), rateLimit: RATE_LIMIT });
  // One window for the whole provider, as a real account's limit: every model answers from the same count.
  const config = buildConfig(
    {
      providers: [{ id: 'fake', kind: 'openai-compatible', baseURL: `${upstream.url}/v1`, apiKeyEnv: 'FAKE_KEY', maxConcurrent: 200, maxQueue: 1_000 }],
      models: IDS.map((id) => ({ id, provider: 'fake', model: id })),
      tiers: [{ id: 'bench', council: IDS, chairman: 'm1', firstTokenTimeoutMs: 60_000, idleTimeoutMs: 60_000 }],
      defaultTier: 'bench',
      retry: { maxAttempts: 1, baseMs: 10, factor: 2, capMs: 20 },
    },
    parseEnv({}),
    // A key switches off the all-simulated mode; the built-in tiers then need theirs (never called here).
    { FAKE_KEY: 'bench-key', OPENROUTER_API_KEY: 'bench-unused' },
  );
  const connections = redisUrl ? [openRedisConnection({ url: redisUrl }), openRedisConnection({ url: redisUrl })] : [];
  for (const c of connections) await ready(c);
  const services = [0, 1].map((i) => createCouncilService(config, { env: { FAKE_KEY: 'bench-key' }, redis: connections[i] ?? null }));
  try {
    const latencies: number[] = [];
    let memberRateLimited = 0;
    let completed = 0;
    await Promise.all(
      Array.from({ length: COUNCILS }, async (_, i) => {
        await new Promise((resolve) => setTimeout(resolve, (i * BOUND_MS) / COUNCILS));
        const run = services[i % 2].startRun({ question: `question ${i}`, signal: new AbortController().signal });
        const started = performance.now();
        for await (const event of run.events) {
          if (event.type === 'member.failed' && event.reason === 'rate_limited') memberRateLimited++;
          if (event.type === 'run.completed') completed++;
        }
        latencies.push(performance.now() - started);
      }),
    );
    latencies.sort((a, b) => a - b);
    const tooMany = upstream.requests.filter((r) => r.status === 429).length;
    console.log(
      `${redisUrl ? 'Redis-shared state ' : 'in-process state   '}: ${COUNCILS} councils over 2 instances, ${completed} completed; ` +
        `over the ${BOUND_MS} ms bound p50 ${(percentile(latencies, 50) - BOUND_MS).toFixed(0)} ms p99 ${(percentile(latencies, 99) - BOUND_MS).toFixed(0)} ms; ` +
        `upstream ${upstream.requests.length} requests, ${tooMany} answered 429; members failed rate_limited: ${memberRateLimited}`,
    );
  } finally {
    for (const c of connections) await c.close();
    await upstream.close();
  }
}

type Parts = { breaker: CircuitGate; limiter: RateLimiter };

/** What Redis adds before each upstream call: the breaker's admit and the limiter's shared hold. */
async function perCallOverhead(redisUrl: string): Promise<void> {
  const connection = openRedisConnection({ url: redisUrl });
  await ready(connection);
  const n = Number(process.env.BENCH_MULTI_CALLS ?? 2_000);
  const local: Parts = { breaker: new CircuitBreaker({ name: 'x' }), limiter: new ProviderLimiter() };
  const shared: Parts = {
    breaker: new SharedCircuitBreaker(connection, new CircuitBreaker({ name: 'x' }), { name: `bench-${Date.now()}` }),
    limiter: new SharedViewLimiter(new ProviderLimiter(), new RedisRateLimitPauses(connection, `bench:${Date.now()}:`), 'p'),
  };
  const measure = async (parts: Parts) => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const started = performance.now();
      const ticket = await parts.breaker.admit();
      await parts.limiter.acquire();
      times.push(performance.now() - started);
      ticket.succeed();
    }
    return times.sort((a, b) => a - b);
  };
  try {
    await measure(shared); // warm-up
    const [l, s] = [await measure(local), await measure(shared)];
    console.log(
      `per upstream call (breaker admit + limiter hold, ${n} calls): in-process p50 ${percentile(l, 50).toFixed(3)} ms p99 ${percentile(l, 99).toFixed(3)} ms; ` +
        `Redis p50 ${percentile(s, 50).toFixed(3)} ms p99 ${percentile(s, 99).toFixed(3)} ms; ` +
        `added p50 ${(percentile(s, 50) - percentile(l, 50)).toFixed(3)} ms p99 ${(percentile(s, 99) - percentile(l, 99)).toFixed(3)} ms`,
    );
  } finally {
    await connection.close();
  }
}

export async function run(): Promise<void> {
  if (!redisServerAvailable()) {
    console.log('redis-server is not installed: skipping the multi-instance bench.');
    return;
  }
  const redis = await startTestRedis();
  try {
    await twoInstances(null);
    await twoInstances(redis.url);
    await perCallOverhead(redis.url);
  } finally {
    await redis.stop();
  }
}
