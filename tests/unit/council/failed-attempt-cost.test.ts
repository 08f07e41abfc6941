import { describe, expect, it } from 'vitest';
import { runCouncil } from '@/lib/council/run-council';
import { collectEvents } from '@/tests/support/collect-events';
import { ofType, setupCouncil, terminal } from './council-fixture';

const PRICE = { inputPerMTok: 1_000, outputPerMTok: 2_000 };

/** A council whose models all have PRICE, so that failed attempts have a cost to report. */
function pricedRun(setup: Parameters<typeof setupCouncil>[0]) {
  const { clock, input, deps } = setupCouncil(setup);
  const pricing = Object.fromEntries(input.members.map((model) => [model, PRICE]));
  return () => collectEvents(runCouncil({ ...input, pricing }, deps), clock);
}

describe('what failed and cut attempts cost', () => {
  it('reports each retried attempt’s estimated usage and cost on member.retrying, and counts it in the run’s totals', async () => {
    const run = pricedRun({
      members: ['m1', 'm2', 'm3'],
      scripts: { m2: { answer: { retries: [{ afterTokens: 8, delayMs: 10, reason: 'network' }], usage: { input: 100, output: 50 }, costUsd: 0.2 } } },
    });
    const events = await run();
    const [retrying] = ofType(events, 'member.retrying');
    expect(retrying.model).toBe('m2');
    expect(retrying.usage!.input).toBeGreaterThan(0);
    expect(retrying.usage!.output).toBeGreaterThan(0);
    expect(retrying.costUsd).toBeCloseTo((retrying.usage!.input * 1_000 + retrying.usage!.output * 2_000) / 1e6, 12);
    const final = terminal(events);
    if (final.type !== 'run.completed') throw new Error('expected run.completed');
    const paid = [...ofType(events, 'member.completed'), ...ofType(events, 'member.failed'), ...ofType(events, 'member.retrying')];
    expect(final.totals.costUsd).toBeCloseTo(paid.reduce((sum, e) => sum + (e.costUsd ?? 0), 0), 12);
    expect(final.totals.costUsd).toBeGreaterThan(ofType(events, 'member.completed').reduce((sum, e) => sum + (e.costUsd ?? 0), 0));
  });

  it('charges a member cut as a straggler for its prompt and the text it had streamed', async () => {
    const run = pricedRun({ members: ['m1', 'm2', 'm3'], scripts: { m3: { answer: { hang: { afterTokens: 3 } } } } });
    const events = await run();
    const cut = ofType(events, 'member.failed').find((e) => e.model === 'm3');
    expect(cut?.reason).toBe('straggler');
    expect(cut?.usage?.input).toBeGreaterThan(0);
    expect(cut?.usage?.output).toBeGreaterThan(0);
    expect(cut?.costUsd).toBeGreaterThan(0);
  });

  it('charges nothing for a call refused with an HTTP error before any text', async () => {
    const run = pricedRun({ members: ['m1', 'm2', 'm3'], scripts: { m3: { answer: { fail: { reason: 'http_400', afterTokens: 0 } } } } });
    const events = await run();
    const failed = ofType(events, 'member.failed').find((e) => e.model === 'm3');
    expect(failed).toMatchObject({ reason: 'http_400', usage: { input: 0, output: 0 }, costUsd: 0 });
  });

  it('leaves costUsd out when the model has no price (unknown, not free)', async () => {
    const { clock, input, deps } = setupCouncil({ members: ['m1', 'm2', 'm3'], scripts: { m3: { answer: { fail: { reason: 'network', afterTokens: 2 } } } } });
    const events = await collectEvents(runCouncil(input, deps), clock);
    const failed = ofType(events, 'member.failed').find((e) => e.model === 'm3');
    expect(failed?.usage?.output).toBeGreaterThan(0);
    expect(failed && 'costUsd' in failed).toBe(false);
  });
});
