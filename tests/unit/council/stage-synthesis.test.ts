import { describe, expect, it } from 'vitest';
import { chairmanChain } from '@/lib/council/stage-synthesis';
import { ofType, setupCouncil, terminal } from './council-fixture';

const failing = { synthesis: { fail: { reason: 'http_500' as const } } };

describe('stage 3: synthesis', () => {
  it('hands the chairman the answers and streams its synthesis', async () => {
    const { run, council } = setupCouncil({ chairman: 'm2' });
    const events = await run();
    const call = council.models.get('m2')!.calls.find((c) => c.request.maxTokens === 2_000)!;
    const prompt = call.request.messages.map((m) => m.content).join('\n');
    for (const m of ['m1', 'm2', 'm3', 'm4']) expect(prompt).toContain(`answer from [${m}]`);
    expect(ofType(events, 'member.delta').filter((d) => d.stage === 3).map((d) => d.text).join('')).toBe('final from m2');
    expect(terminal(events)).toMatchObject({ type: 'run.completed', chairman: 'm2', text: 'final from m2' });
  });

  it('falls back to the tier’s fallback chairmen in order, with a warning', async () => {
    const { run } = setupCouncil({
      chairman: 'm1',
      fallbackChairmen: ['m2', 'm3'],
      scripts: { m1: failing, m2: failing },
    });
    const events = await run();
    const warnings = ofType(events, 'warning').filter((w) => w.code === 'chairman_fallback');
    expect(warnings).toHaveLength(2);
    expect(ofType(events, 'member.started').filter((e) => e.stage === 3).map((e) => e.model)).toEqual(['m1', 'm2', 'm3']);
    expect(terminal(events)).toMatchObject({ type: 'run.completed', chairman: 'm3', text: 'final from m3', degraded: false });
  });

  it('falls back to the top-ranked member after the listed chairmen', async () => {
    const { run } = setupCouncil({
      chairman: 'm1',
      fallbackChairmen: ['m2'],
      preference: ['m4', 'm3', 'm2', 'm1'],
      scripts: { m1: failing, m2: failing },
    });
    const events = await run();
    expect(terminal(events)).toMatchObject({ type: 'run.completed', chairman: 'm4', text: 'final from m4' });
  });

  it('delivers the top-ranked answer, degraded, when every chairman fails', async () => {
    const { run, council } = setupCouncil({
      chairman: 'm1',
      fallbackChairmen: ['m2'],
      preference: ['m3', 'm4', 'm2', 'm1'],
      scripts: { m1: failing, m2: failing, m3: { synthesis: { hang: {} } } },
    });
    const events = await run();
    expect(ofType(events, 'warning').map((w) => w.code)).toEqual(['chairman_fallback', 'chairman_fallback', 'chairman_failed']);
    const timeout = ofType(events, 'member.failed').find((e) => e.stage === 3 && e.model === 'm3');
    expect(timeout?.reason).toBe('timeout');
    expect(terminal(events)).toMatchObject({ type: 'run.completed', chairman: null, text: 'answer from [m3]', degraded: true });
    expect(council.openCalls()).toEqual([]);
  });

  it('tries each chairman once', () => {
    expect(chairmanChain('a', ['b', 'a', 'c'], 'b')).toEqual(['a', 'b', 'c']);
    expect(chairmanChain('a', [], null)).toEqual(['a']);
  });
});
