/**
 * Per-key limits: what admitting a run costs (rpm + in flight + daily/monthly budget reservation) and what settling
 * it costs, in this process's memory and in a local Redis (rate-limiter-flexible's script + the ledger's Lua
 * script: two round trips to admit, one to settle). Sequential calls, then bursts of 20 concurrent admissions for
 * one key (the contended case the atomic script exists for). Redis is skipped when redis-server is not installed.
 */
import { performance } from 'node:perf_hooks';
import type { Identity } from '@/lib/access/identity';
import { createMemoryRunAdmission, createRedisRunAdmission } from '@/lib/limits/create-run-admission';
import type { KeyLimitsAdmission } from '@/lib/limits/key-limits-admission';
import { openRedisConnection } from '@/lib/redis/redis-connection';
import { redisServerAvailable, startTestRedis } from '@/tests/support/redis-server';

const SEQUENTIAL = 2_000;
const BURSTS = 100;
const BURST_SIZE = 20;

const identity = (keyId: string): Identity => ({
  kind: 'key',
  keyId,
  name: keyId,
  admin: false,
  // Generous limits: every check runs, none refuses.
  limits: { rpm: 1_000_000, concurrent: 1_000, dailyUsd: 1_000_000, monthlyUsd: 1_000_000 },
  tiers: null,
  via: 'bearer',
});

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const fmt = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
const line = (label: string, values: number[]) =>
  console.log(`  ${label.padEnd(32)} p50 ${fmt(percentile(values, 50))}  p99 ${fmt(percentile(values, 99))}  (n=${values.length})`);

async function measure(name: string, admission: KeyLimitsAdmission): Promise<void> {
  console.log(`\n### ${name}`);
  const admits: number[] = [];
  const settles: number[] = [];
  const key = identity(`bench-${name}-${Date.now()}`);
  for (let i = 0; i < SEQUENTIAL; i += 1) {
    const start = performance.now();
    const result = await admission.admit({ identity: key, tier: 'balanced', worstCaseUsd: 0.05 });
    admits.push(performance.now() - start);
    if (!result.ok) throw new Error(`refused: ${result.refusal.code}`);
    const settleStart = performance.now();
    await result.admission.settle(0.01);
    settles.push(performance.now() - settleStart);
  }
  line('admit (sequential)', admits);
  line('settle (sequential)', settles);

  const contended: number[] = [];
  const burstKey = identity(`bench-burst-${name}-${Date.now()}`);
  for (let b = 0; b < BURSTS; b += 1) {
    const results = await Promise.all(
      Array.from({ length: BURST_SIZE }, async () => {
        const start = performance.now();
        const result = await admission.admit({ identity: burstKey, tier: 'balanced', worstCaseUsd: 0.05 });
        contended.push(performance.now() - start);
        return result;
      }),
    );
    await Promise.all(results.map((result) => (result.ok ? result.admission.settle(0.01) : undefined)));
  }
  line(`admit (${BURST_SIZE} at once, one key)`, contended);
}

export async function run(): Promise<void> {
  await measure('memory', createMemoryRunAdmission({ defaults: {} }));
  if (!redisServerAvailable()) {
    console.log('\n### redis: skipped (redis-server is not installed)');
    return;
  }
  const redis = await startTestRedis();
  const connection = openRedisConnection({ url: redis.url, log: () => undefined });
  try {
    const deadline = Date.now() + 5_000;
    while (!connection.ready() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await measure('redis', createRedisRunAdmission(connection, { defaults: {}, prefix: 'bench:limits' }));
  } finally {
    await connection.close();
    await redis.stop();
  }
}
