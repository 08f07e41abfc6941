/**
 * A `next start` of its own behind the loopback fake upstream, for the service front doors (/v1, /mcp):
 * three council members on an OpenAI-compatible provider, a tier whose every member fails, and a slow tier
 * for stopping mid-run. The fake upstream records every call, so tests see what reached "the models".
 */
import { startFakeUpstream, type FakeUpstream } from '@/tests/support/fake-upstream';
import { councilMemberBehaviour } from '@/tests/support/fake-upstream/council-behaviour';
import { startNextServer, type NextServer } from '@/tests/support/next-server';

export const UPSTREAM_KEY = 'test-upstream-key-not-real-0000';
const IDS = ['q1', 'q2', 'q3'];

export interface ServiceFixture {
  server: NextServer;
  upstream: FakeUpstream;
  close(): Promise<void>;
}

export async function startServiceFixture(env: Record<string, string> = {}): Promise<ServiceFixture> {
  const upstream = await startFakeUpstream();
  for (const id of IDS) {
    upstream.setScript(`up-${id}`, councilMemberBehaviour(id, { latencyMs: { answer: 300, ranking: 50, synthesis: 50 }, preference: IDS, tokensPerSecond: 400, padWords: 12 }));
    upstream.setScript(`slow-${id}`, councilMemberBehaviour(id, { latencyMs: { answer: 200, ranking: 50, synthesis: 50 }, preference: IDS, tokensPerSecond: 5, padWords: 200 }));
  }
  upstream.setScript('up-broken', { fault: { kind: 'status', status: 500, message: 'upstream exploded' } });
  const config = {
    providers: [{ id: 'fake', kind: 'openai-compatible', baseURL: `${upstream.url}/v1`, apiKeyEnv: 'FAKE_UPSTREAM_API_KEY' }],
    models: [
      ...IDS.map((id) => ({ id, provider: 'fake', model: `up-${id}`, pricing: { inputPerMTok: 1, outputPerMTok: 2 } })),
      ...IDS.map((id) => ({ id: `slow-${id}`, provider: 'fake', model: `slow-${id}`, pricing: { inputPerMTok: 1, outputPerMTok: 2 } })),
      { id: 'broken-a', provider: 'fake', model: 'up-broken' },
      { id: 'broken-b', provider: 'fake', model: 'up-broken' },
    ],
    tiers: [
      { id: 'fast', label: 'Fast', description: 'three fake members', council: IDS, chairman: 'q1', fallbackChairmen: ['q2'] },
      { id: 'slow', label: 'Slow', description: 'slow streams', council: IDS.map((id) => `slow-${id}`), chairman: 'slow-q1' },
      { id: 'broken', label: 'Broken', description: 'every member fails', council: ['broken-a', 'broken-b'], chairman: 'broken-a' },
    ],
    defaultTier: 'fast',
    retry: { maxAttempts: 1, baseMs: 10, factor: 2, capMs: 20 },
  };
  // The built-in tiers need an OpenRouter key to start; point them at the fake upstream too.
  const builtIn = { OPENROUTER_API_KEY: 'test-openrouter-key-not-real', OPENROUTER_BASE_URL: `${upstream.url}/api/v1` };
  const server = await startNextServer({ config, env: { FAKE_UPSTREAM_API_KEY: UPSTREAM_KEY, ...builtIn, ...env } });
  return {
    server,
    upstream,
    async close() {
      await server.stop();
      await upstream.close();
    },
  };
}
