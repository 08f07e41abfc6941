import { describe, expect, it, vi } from 'vitest';
import type { CouncilDeps, CouncilInput } from '@/lib/council/council-input';
import type { CouncilEvent } from '@/lib/council/events';
import { loadConfig } from '@/lib/config/load-config';
import { createCouncilService } from '@/lib/server/create-council-service';
import { UnknownTierError } from '@/lib/server/council-service-types';

const calls: { input: CouncilInput; deps: CouncilDeps }[] = [];

// The engine is someone else's; here only what the service hands it matters.
vi.mock('@/lib/council/run-council', () => ({
  runCouncil(input: CouncilInput, deps: CouncilDeps): AsyncIterable<CouncilEvent> {
    calls.push({ input, deps });
    return (async function* () {})();
  },
}));

function serviceWith(file: object, env: Record<string, string> = {}) {
  const config = loadConfig({ env: { QUORUM_CONFIG: 'q.json', ...env }, readFile: () => JSON.stringify(file) });
  return createCouncilService(config, { env });
}

const turns = (n: number) => Array.from({ length: n }, (_v, i) => ({ question: `q${i}`, answer: `a${i}` }));

describe('createCouncilService', () => {
  it('hands the engine the tier: members, chairman, fallbacks and the filled-in policy', () => {
    calls.length = 0;
    const service = serviceWith({ defaultTier: 'speed' });
    const signal = new AbortController().signal;
    const run = service.startRun({ question: 'Why?', signal });
    const { input } = calls[0];
    const speed = service.config.tiers.find((t) => t.id === 'speed')!;
    expect(input).toMatchObject({
      runId: run.runId,
      question: 'Why?',
      tier: 'speed',
      members: speed.council,
      chairman: speed.chairman,
      fallbackChairmen: speed.fallbackChairmen,
      policy: speed.policy,
      signal,
    });
    expect(run.runId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps only the latest history.maxTurns exchanges', () => {
    calls.length = 0;
    const service = serviceWith({ history: { maxTurns: 2 } });
    service.startRun({ question: 'q', history: turns(5), signal: new AbortController().signal });
    expect(calls[0].input.history).toEqual(turns(5).slice(3));
  });

  it('resolves each configured model once, shared across runs, and refuses an unknown one', () => {
    calls.length = 0;
    const service = serviceWith({});
    service.startRun({ question: 'a', signal: new AbortController().signal });
    service.startRun({ question: 'b', signal: new AbortController().signal });
    const [first, second] = calls.map((c) => c.deps);
    const member = service.config.tiers.find((t) => t.id === 'balanced')!.council[0];
    expect(first.model(member).id).toBe(member);
    expect(first.model(member)).toBe(second.model(member));
    expect(() => first.model('nope')).toThrow(/Unknown model "nope"/);
    expect(first.random).not.toBe(second.random);
  });

  it('refuses an unknown tier, naming the valid ones', () => {
    const service = serviceWith({});
    expect(() => service.startRun({ question: 'q', tier: 'x', signal: new AbortController().signal })).toThrow(
      UnknownTierError,
    );
    expect(service.hasTier('cost')).toBe(true);
    expect(service.saturated('cost')).toBeNull();
  });

  it('summarises tiers for the browser without provider details', () => {
    const service = serviceWith({});
    expect(service.tiers()[0]).toEqual({
      id: 'speed',
      label: 'Speed',
      description: expect.any(String),
      members: expect.arrayContaining(['sim-swift']),
      chairman: 'sim-swift',
      fallbackChairmen: ['sim-pico'],
      maxTokens: { answer: 800, ranking: 400, synthesis: 1_200 },
      simulated: true,
      available: true,
    });
  });
});
