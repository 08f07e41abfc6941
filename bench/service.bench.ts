/**
 * The service front doors against `next start` (needs `npm run build` first) and the in-process fake upstream:
 * - first token: from the chairman's first upstream token (the fake upstream's scripted send time) to the first
 *   `delta.content` an official `openai` SDK client reads (p50/p99);
 * - the overhead of a `/v1` run over the same run through `/api/council` (time to the end of the response,
 *   alternating the two, p50/p99 of each and the p50 difference).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import OpenAI from 'openai';
import { startServiceFixture } from '@/tests/e2e/service/service-fixture';

const RUNS = Number(process.env.BENCH_SERVICE_RUNS ?? 20);
/** The fixture's scripted synthesis latency (first token of stage 3), ms. */
const SYNTHESIS_FIRST_TOKEN_MS = 50;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export async function run(): Promise<void> {
  if (!existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'))) {
    console.log('skipped: the app is not built (run `npm run build` first)');
    return;
  }
  const fixture = await startServiceFixture();
  try {
    const client = new OpenAI({ baseURL: `${fixture.server.baseURL}/v1`, apiKey: 'bench', maxRetries: 0 });
    const firstToken: number[] = [];
    const viaApi: number[] = [];
    const viaCouncil: number[] = [];
    // Two warm-up rounds (first requests compile and open pools), then the measured ones.
    for (let i = -2; i < RUNS; i++) {
      const record = i >= 0;
      const question = `Bench question ${i} ${Date.now()}`;
      let started = performance.now();
      const stream = await client.chat.completions.create({ model: 'quorum/fast', messages: [{ role: 'user', content: question }], stream: true });
      let firstContentAt: number | undefined;
      for await (const chunk of stream) if (firstContentAt === undefined && chunk.choices[0]?.delta?.content) firstContentAt = performance.now();
      if (record) viaApi.push(performance.now() - started);
      const synthesis = fixture.upstream.requests.find((r) => r.model === 'up-q1' && JSON.stringify(r.body).includes(question) && JSON.stringify(r.body).includes('final answer'));
      if (record && synthesis && firstContentAt !== undefined) firstToken.push(firstContentAt - (synthesis.arrivedAt + SYNTHESIS_FIRST_TOKEN_MS));

      started = performance.now();
      const response = await fetch(`${fixture.server.baseURL}/api/council`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: `${question} (web)`, tier: 'fast' }),
      });
      await response.text();
      if (record) viaCouncil.push(performance.now() - started);
    }
    const f = (v: number) => v.toFixed(1);
    console.log(`${RUNS} runs of a 3-member council (stage 1 ≈ 300 ms upstream):`);
    console.log(`chairman's first upstream token → first delta.content at the openai SDK: p50 ${f(percentile(firstToken, 50))} ms  p99 ${f(percentile(firstToken, 99))} ms (n=${firstToken.length})`);
    console.log(`/v1 stream to [DONE]: p50 ${f(percentile(viaApi, 50))} ms  p99 ${f(percentile(viaApi, 99))} ms`);
    console.log(`/api/council to run.completed: p50 ${f(percentile(viaCouncil, 50))} ms  p99 ${f(percentile(viaCouncil, 99))} ms`);
    console.log(`/v1 overhead over /api/council (p50 difference): ${f(percentile(viaApi, 50) - percentile(viaCouncil, 50))} ms`);
  } finally {
    await fixture.close();
  }
}
